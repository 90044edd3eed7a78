"use client";

import { signIn } from "next-auth/react";
import { Button } from "./Button";

/** Log-in through the configured OIDC provider (in production: a bridge to NemLog-in). */
export function OidcLoginButton({ name, callbackUrl }: { name: string; callbackUrl: string }) {
  return (
    <Button type="button" onClick={() => void signIn("oidc", { callbackUrl })}>
      Log ind med {name}
    </Button>
  );
}
