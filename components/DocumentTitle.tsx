"use client";

import { useEffect } from "react";

/**
 * Sets document.title after hydration. Only for Next's special files whose `metadata` export is
 * not applied in the browser (forbidden.tsx): pages use the `metadata` export.
 */
export function DocumentTitle({ title }: { title: string }) {
  useEffect(() => {
    document.title = title;
  }, [title]);
  return null;
}
