/** DKFDS skip link: the first focusable element, visible only when focused. */
export function SkipLink({ href = "#main-content" }: { href?: string }) {
  return (
    <a
      href={href}
      className={
        "absolute -top-40 left-4 z-50 rounded-md bg-white px-4 py-2 text-ink visited:text-ink hover:text-ink " +
        "focus:top-2"
      }
    >
      Gå til sidens indhold
    </a>
  );
}
