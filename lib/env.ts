import { z } from "zod";

/**
 * Every environment variable the portal reads, parsed in this one place. The README lists them.
 * DATABASE_URL is optional here because `npm start` starts the embedded database and sets it.
 */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

// Addresses and CIDR ranges, separated by commas or spaces.
const addressList = z
  .string()
  .default("")
  .transform((value) => value.split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()])));

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
  // The proxies or balancers whose X-Forwarded-For is believed (none: the socket's peer is the client).
  TRUSTED_PROXIES: addressList,
  NEXTAUTH_SECRET: optionalText,
  NEXTAUTH_URL: optionalText,
  SESSION_MAX_AGE_HOURS: z.coerce.number().min(0.25).max(24).default(8),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  // Rate limits of the route handlers, per minute (README, "Security and trust"): API calls per API
  // key or logged-in user; requests with an unknown or revoked API key per client address; downloads
  // and uploads through route handlers per user (per address on the public lists). Heavy requests
  // (exports, uploads) a user (an API key, an address) may run at the same time.
  API_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  API_BAD_KEYS_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  FILES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  HEAVY_REQUESTS_AT_ONCE: z.coerce.number().int().min(1).default(2),
  // Failed log-ins from one address over all e-mails before that address waits out the window.
  LOGIN_ADDRESS_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(50),
  OIDC_ISSUER: optionalText.pipe(z.url().optional()),
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  OIDC_NAME: z.string().default("NemLog-in"),
  DEMO_LOGIN: z.enum(["on", "off"]).optional(),
  // How the jobs (reminders, alerts, outbox delivery) run in a portal process: "queue" (graphile-worker
  // on PostgreSQL), "in-process" (the embedded database), "off". npm start sets it; unset: off.
  JOB_RUNNER: z.enum(["queue", "in-process", "off"]).default("off"),
  SMTP_URL: optionalText,
  MAIL_FROM: z.string().default("Statens Indkøbsprogram <noreply@demo.example.dk>"),
  // Where /.well-known/security.txt sends vulnerability reports (RFC 9116: mailto:, https: or tel:).
  // The default is a demo address: set the agency's real security contact in production.
  SECURITY_CONTACT: z
    .string()
    .regex(/^(mailto:|https:\/\/|tel:)\S+$/, "SECURITY_CONTACT must be a mailto:, https:// or tel: URI")
    .default("mailto:security@demo.example.dk"),
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

/** The portal's public origin (NEXTAUTH_URL; `npm start` always sets it). */
export const portalOrigin = new URL(env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).origin;

/** The OIDC provider is on when all three variables are set. */
export const oidcEnabled = Boolean(env.OIDC_ISSUER);

/** Demo credentials log-in: on unless switched off, and off by default when OIDC is configured. */
export const credentialsLoginEnabled = env.DEMO_LOGIN ? env.DEMO_LOGIN === "on" : !oidcEnabled;
