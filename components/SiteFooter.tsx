import { Link } from "@/components/Link";

/**
 * DKFDS footer: responsible authority, contact and the accessibility statement. The contact
 * details are fictitious (demo).
 */
const FOOTER_LINKS = [
  { href: "/regler/forpligtede-kunder", label: "Regler for forpligtede kunder" },
  { href: "/regler/frivillige-kunder", label: "Regler for frivillige kunder" },
  { href: "/lister", label: "Lister til download" },
  { href: "/tilgaengelighedserklaering", label: "Tilgængelighedserklæring" },
];

export function SiteFooter() {
  return (
    <footer className="mt-20 border-t border-border-high bg-white pt-[23px] pb-4 md:pb-18">
      <div className="page-container grid gap-6 md:grid-cols-3">
        <div>
          <h2 className="text-sm leading-6 font-semibold">Statens Indkøb, demo</h2>
          <p>Demovej 1</p>
          <p>0000 Eksempelby</p>
          <p className="mt-2 text-ink-light">
            Statens Indkøbsprogram er en demonstrationsløsning. Oplysningerne er fiktive.
          </p>
        </div>
        <div>
          <h2 className="text-sm leading-6 font-semibold">Kontakt</h2>
          <p>Telefon: 00 00 00 00 (hverdage kl. 9-15)</p>
          <p>
            E-mail: <a href="mailto:kontakt@statens-indkoeb.example">kontakt@statens-indkoeb.example</a>
          </p>
        </div>
        <div>
          <h2 className="text-sm leading-6 font-semibold">Om portalen</h2>
          <ul className="space-y-2">
            {FOOTER_LINKS.map((link) => (
              <li key={link.href}>
                <Link href={link.href} className="text-ink visited:text-ink">
                  {link.label}
                </Link>
              </li>
            ))}
            <li className="text-ink-light">
              Portalen bruger kun én nødvendig cookie, som holder dig logget ind.
            </li>
          </ul>
        </div>
      </div>
    </footer>
  );
}
