"use client";

import { useEffect } from "react";
import { buttonClassName } from "@/components/Button";
import { ibmPlexSans } from "./fonts";
import "./globals.css";

/**
 * Replaces the root layout when the layout itself fails (e.g. the database is unreachable while
 * reading the user). It renders its own document and must not depend on anything that can fail.
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <html lang="da" className={ibmPlexSans.variable}>
      <body className="flex min-h-dvh flex-col">
        <title>Der opstod en fejl – Statens Indkøbsprogram</title>
        <header className="border-b border-border-high bg-white">
          <div className="page-container flex min-h-12 items-center py-2">
            <span className="flex items-center gap-2 text-lg leading-6 font-bold">
              <span aria-hidden="true" className="block h-6 w-1.5 rounded-sm bg-primary" />
              Statens Indkøb
            </span>
          </div>
        </header>
        <main id="main-content" className="page-container flex-1 pt-6 md:pt-10">
          <h1>Der opstod en fejl</h1>
          <p className="mt-4 max-w-text text-lg">Portalen kunne ikke vises. Prøv igen om lidt.</p>
          <p className="mt-4 max-w-text">
            Hvis fejlen gentager sig, så kontakt Statens Indkøb
            {digest ? (
              <>
                {" "}
                og oplys fejlkoden <span className="font-semibold">{digest}</span>
              </>
            ) : null}
            .
          </p>
          <div className="mt-6 flex flex-wrap items-center gap-6">
            <button type="button" className={buttonClassName("primary")} onClick={() => retry()}>
              Prøv igen
            </button>
            {/* A full page load, since the app's router may be what failed. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/">Gå til forsiden</a>
          </div>
        </main>
      </body>
    </html>
  );
}
