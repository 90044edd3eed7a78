import { z } from "zod";

/**
 * Every environment variable the portal reads, parsed in this one place. The README lists them.
 * DATABASE_URL is optional here because `npm start` starts the embedded database and sets it.
 */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  // The owner role's URL for migrations; DATABASE_URL is then the serving role's (lib/db/setup.ts).
  MIGRATION_DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  EMBEDDED_DATA_DIR: z.string().default(".data/pglite"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Portal processes `npm start` runs (default: one per core; always one on the embedded database).
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  NEXTAUTH_SECRET: optionalText,
  NEXTAUTH_URL: optionalText,
  SESSION_MAX_AGE_HOURS: z.coerce.number().min(0.25).max(24).default(8),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  OIDC_ISSUER: optionalText.pipe(z.url().optional()),
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  OIDC_NAME: z.string().default("NemLog-in"),
  DEMO_LOGIN: z.enum(["on", "off"]).optional(),
  SMTP_URL: optionalText,
  MAIL_FROM: z.string().default("Statens Indkøbsprogram <noreply@demo.example.dk>"),
  // The EU threshold in whole kroner excl. VAT above which own procurement must be tendered in the
  // EU. Default: central government supplies and services 2026-2027, DKK 1,044,400 (EUR 140,000;
  // Commission Delegated Regulation (EU) 2025/2152 and the Commission's communication of the
  // national-currency values, OJ C/2025/5732, 23.10.2025). Update it every two years.
  EU_THRESHOLD_DKK: z.coerce.number().int().min(1).max(1_000_000_000).default(1_044_400),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new Error(`Invalid environment: ${z.prettifyError(result.error)}`);
  }
  const env = result.data;
  const oidcParts = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidcParts !== 0 && oidcParts !== 3) {
    throw new Error("Invalid environment: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together");
  }
  if (env.MIGRATION_DATABASE_URL && !env.DATABASE_URL) {
    throw new Error("Invalid environment: MIGRATION_DATABASE_URL needs DATABASE_URL (the serving role's URL)");
  }
  return env;
}

export const env: Env = parseEnv(process.env);

/** The OIDC provider is on when all three variables are set. */
export const oidcEnabled = Boolean(env.OIDC_ISSUER);

/** Demo credentials log-in: on unless switched off, and off by default when OIDC is configured. */
export const credentialsLoginEnabled = env.DEMO_LOGIN ? env.DEMO_LOGIN === "on" : !oidcEnabled;
