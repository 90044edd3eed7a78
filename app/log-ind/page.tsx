import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert } from "@/components/Alert";
import { DataTable } from "@/components/DataTable";
import { LoginForm } from "@/components/LoginForm";
import { OidcLoginButton } from "@/components/OidcLoginButton";
import { PageHeader } from "@/components/PageHeader";
import { getCurrentUser } from "@/lib/auth/current-user";
import { sameOriginPath } from "@/lib/auth/redirect-target";
import { credentialsLoginEnabled, env, oidcEnabled, portalOrigin } from "@/lib/env";
import { DEMO_LOGINS, DEMO_PASSWORD } from "@/lib/seed/demo-data";
import { roleLabel } from "@/lib/roles-da";

export const metadata: Metadata = { title: "Log ind" };

const ERRORS: Record<string, string> = {
  AccessDenied: "Din bruger er ikke oprettet i portalen. Kontakt din koncernindkøber eller Statens Indkøb.",
  SessionRequired: "Log ind for at fortsætte.",
};

export default async function LoginPage({ searchParams }: PageProps<"/log-ind">) {
  const params = await searchParams;
  // Only the portal's own paths are followed after log-in, never another host.
  const callbackUrl = sameOriginPath(params.callbackUrl, portalOrigin);
  if (await getCurrentUser()) redirect(callbackUrl);
  const errorCode = typeof params.error === "string" ? params.error : undefined;
  const initialError = errorCode ? (ERRORS[errorCode] ?? "Du blev ikke logget ind. Prøv igen.") : undefined;
  return (
    <>
      <PageHeader title="Log ind" lead="Log ind for at se aftaler, kaskaden, indkøbsdata og compliance for din organisation." />
      {params["logget-ud"] ? (
        <Alert variant="success" className="mb-6 max-w-md">
          Du er logget ud.
        </Alert>
      ) : null}
      {oidcEnabled ? (
        <div className="mb-8">
          <OidcLoginButton name={env.OIDC_NAME} callbackUrl={callbackUrl} />
        </div>
      ) : null}
      {credentialsLoginEnabled ? (
        <>
          <LoginForm callbackUrl={callbackUrl} initialError={initialError} />
          <section aria-labelledby="demo-heading" className="mt-12">
            <h2 id="demo-heading">Demo-brugere</h2>
            <p className="max-w-text">
              Portalen kører med fiktive demodata. Alle demo-brugere har adgangskoden <code>{DEMO_PASSWORD}</code>.
            </p>
            <DataTable
              caption="Demo-brugere og deres roller"
              rows={DEMO_LOGINS}
              rowKey={(login) => login.email}
              columns={[
                { key: "email", header: "E-mail", rowHeader: true, cell: (login) => login.email },
                { key: "role", header: "Rolle", cell: (login) => roleLabel(login.role) },
                { key: "description", header: "Beskrivelse", cell: (login) => login.description },
              ]}
            />
          </section>
        </>
      ) : null}
    </>
  );
}
