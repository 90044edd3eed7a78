import type { Metadata } from "next";
import { Link } from "@/components/Link";
import { PageHeader } from "@/components/PageHeader";

export const metadata: Metadata = { title: "Siden findes ikke" };

export default function NotFound() {
  return (
    <>
      <PageHeader
        title="Siden findes ikke"
        lead="Siden kan være flyttet eller slettet, eller adressen kan være skrevet forkert."
      />
      <p>Kontrollér adressen, eller gå til forsiden og find det, du leder efter, derfra.</p>
      <p className="mt-4">
        <Link href="/">Gå til forsiden</Link>
      </p>
    </>
  );
}
