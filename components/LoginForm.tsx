"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "./Alert";
import { Button } from "./Button";
import { TextInput } from "./TextInput";

type LoginFormProps = { callbackUrl: string; initialError?: string };

/** E-mail and password log-in (demo users); errors from the server are shown above the form. */
export function LoginForm({ callbackUrl, initialError }: LoginFormProps) {
  const router = useRouter();
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (!result?.ok) {
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Forkert e-mail eller adgangskode.");
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate className="max-w-md space-y-6" aria-describedby={error ? "login-error" : undefined}>
      {error ? (
        <Alert variant="error" id="login-error" heading="Du blev ikke logget ind">
          {error}
        </Alert>
      ) : null}
      <TextInput id="email" name="email" type="email" label="E-mail" autoComplete="username" required />
      <TextInput id="password" name="password" type="password" label="Adgangskode" autoComplete="current-password" required />
      <Button type="submit" aria-disabled={pending || undefined}>
        {pending ? "Logger ind …" : "Log ind"}
      </Button>
    </form>
  );
}
