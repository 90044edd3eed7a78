"use client";

import { signOut } from "next-auth/react";
import { buttonClassName } from "./Button";

export function LogoutButton() {
  return (
    <button type="button" className={buttonClassName("secondary")} onClick={() => void signOut({ callbackUrl: "/log-ind?logget-ud=1" })}>
      Log ud
    </button>
  );
}
