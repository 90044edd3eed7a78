"use client";

import { Button } from "@/components/Button";

/** Opens the browser's print dialogue (the page's print styles hide the portal's frame). */
export function PrintButton() {
  return (
    <Button type="button" variant="secondary" onClick={() => window.print()}>
      Udskriv
    </Button>
  );
}
