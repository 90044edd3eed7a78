"use client";

import { useEffect } from "react";
import { Link } from "@/components/Link";
import { Button } from "@/components/Button";
import { PageHeader } from "@/components/PageHeader";

/** Error boundary for all pages: a generic Danish message; no details leave the server. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  // Errors from server components arrive with only a digest that matches the server log.
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <>
      <title>Der opstod en fejl – Statens Indkøbsprogram</title>
      <PageHeader
        title="Der opstod en fejl"
        lead="Siden kunne ikke vises. Prøv igen om lidt."
      />
      <p className="max-w-text">
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
        <Button type="button" onClick={() => retry()}>
          Prøv igen
        </Button>
        <Link href="/">Gå til forsiden</Link>
      </div>
    </>
  );
}
