import type pg from "pg";

/**
 * The database roles on PostgreSQL (docs/decisions/0011-database-roles.md): migrations run as an
 * owner role, which owns every table, view, sequence and function; the portal serves as a role
 * that owns nothing, may read and write the tables, and may only read and add to "AuditLog". So the
 * portal's connection cannot change or remove an audit entry, nor switch off the table's triggers,
 * nor drop or take over the table. No "server-only": npm start, db:migrate and the tests use it.
 */
export const OWNER_ROLE = "sip_owner";

/** The job queue library's schema: its tables and functions, owned by the owner role like ours. */
export const JOB_QUEUE_SCHEMA = "graphile_worker";
export const SERVING_ROLE = "sip_app";

type Sql = Pick<pg.Client, "query" | "escapeIdentifier" | "escapeLiteral">;

/**
 * Makes the owner role the owner of everything in schema "public" that the migrations made (a
 * database migrated before the roles existed, runtime partitions made by an earlier version, or a
 * restore run as the administrator), and lets it create there; likewise the job queue's schema. Runs as the administrator, who must own those objects or be superuser.
 * Objects of extensions (pg_trgm) stay with the extension's owner; a sequence that belongs to a
 * column moves with its table.
 */
export async function handOverToOwner(client: Sql, owner: string): Promise<void> {
  const role = client.escapeIdentifier(owner);
  await client.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${role}`);
  const schemas = ["public", JOB_QUEUE_SCHEMA];
  const { rows: queueSchema } = await client.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [JOB_QUEUE_SCHEMA]);
  if (queueSchema.length > 0) await client.query(`ALTER SCHEMA ${client.escapeIdentifier(JOB_QUEUE_SCHEMA)} OWNER TO ${role}`);
  const { rows: database } = await client.query<{ name: string }>(`SELECT current_database() AS name`);
  // CREATE on the database: a migration may add a trusted extension (pg_trgm).
  await client.query(`GRANT CREATE ON DATABASE ${client.escapeIdentifier(database[0]!.name)} TO ${role}`);
  const { rows } = await client.query<{ statement: string }>(
    `WITH owner AS (SELECT oid FROM pg_roles WHERE rolname = $1),
          schema AS (SELECT oid FROM pg_namespace WHERE nspname = ANY($2::text[])),
          extension_member AS (SELECT objid, classid FROM pg_depend WHERE deptype = 'e')
     SELECT format('ALTER %s %s OWNER TO %I',
                   CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
                   c.oid::regclass, $1) AS statement
       FROM pg_class c
      WHERE c.relnamespace IN (SELECT oid FROM schema) AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
        AND c.relowner <> (SELECT oid FROM owner)
        AND NOT EXISTS (SELECT 1 FROM extension_member e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid)
        AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                                 AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
     UNION ALL
     SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, $1)
       FROM pg_proc p
      WHERE p.pronamespace IN (SELECT oid FROM schema) AND p.prokind IN ('f', 'p')
        AND p.proowner <> (SELECT oid FROM owner)
        AND NOT EXISTS (SELECT 1 FROM extension_member e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid)
     UNION ALL
     SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, $1)
       FROM pg_type t
      WHERE t.typnamespace IN (SELECT oid FROM schema)
        AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
        AND t.typowner <> (SELECT oid FROM owner)
        AND NOT EXISTS (SELECT 1 FROM extension_member e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid)`,
    [owner, schemas],
  );
  for (const { statement } of rows) await client.query(statement);
}

/**
 * The serving role's privileges, given by the owner after every migration run (so a new table gets
 * them at once; the default privileges cover tables the owner makes at runtime: a bulk load's
 * partition). The audit log: read and add only. The migrations' bookkeeping: nothing.
 */
export async function grantServingRole(client: Sql, serving: string): Promise<void> {
  const role = client.escapeIdentifier(serving);
  for (const statement of [
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "AuditLog" FROM ${role}`,
    `REVOKE ALL ON "_prisma_migrations" FROM ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
  ]) {
    await client.query(statement);
  }
}

/**
 * The serving role's rights in the job queue's schema (graphile_worker, docs/decisions/0017): add,
 * take, finish and fail jobs, keep the crontab's bookkeeping; read but never write the library's
 * migrations table. The library switches on row-level security on its tables (for setups that
 * expose the database through an API); the owner passes it, the serving role needs a policy.
 */
export async function grantJobQueue(client: Sql, schema: string, serving: string): Promise<void> {
  const role = client.escapeIdentifier(serving);
  const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regnamespace($1) IS NOT NULL AS exists`, [schema]);
  if (!rows[0]!.exists) return;
  const name = client.escapeIdentifier(schema);
  for (const statement of [
    `GRANT USAGE ON SCHEMA ${name} TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${name} TO ${role}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${name}."migrations" FROM ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${name} TO ${role}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${name} TO ${role}`,
  ]) {
    await client.query(statement);
  }
  const { rows: tables } = await client.query<{ statement: string }>(
    `SELECT format('CREATE POLICY %I ON %s TO %I USING (true) WITH CHECK (true)', 'serving_role_' || $2, c.oid::regclass, $2) AS statement
       FROM pg_class c
      WHERE c.relnamespace = to_regnamespace($1) AND c.relkind IN ('r', 'p') AND c.relrowsecurity
        AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'serving_role_' || $2)`,
    [schema, serving],
  );
  for (const { statement } of tables) await client.query(statement);
}

/**
 * Creates the two roles, or brings existing ones back to what they must be: the owner cannot log
 * in; the serving role can, and is neither superuser nor able to create roles or databases, nor
 * to bypass row security. The administrator becomes a member of the owner role so that it may
 * migrate as it. Roles belong to the whole server: two databases set up at once may race, so the
 * caller retries.
 */
export async function createRoles(client: Sql, servingPassword: string | null): Promise<void> {
  const owner = client.escapeIdentifier(OWNER_ROLE);
  const serving = client.escapeIdentifier(SERVING_ROLE);
  for (const [role, attributes] of [
    [owner, "NOLOGIN"],
    [serving, "LOGIN"],
  ] as const) {
    await client.query(
      `DO $$ BEGIN CREATE ROLE ${role} ${attributes}; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
    );
  }
  const password = servingPassword === null ? "" : ` PASSWORD ${client.escapeLiteral(servingPassword)}`;
  await client.query(`ALTER ROLE ${serving} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS${password}`);
  await client.query(`REVOKE ${owner} FROM ${serving}`);
  const { rows } = await client.query<{ superuser: boolean }>(`SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`);
  if (!rows[0]!.superuser) await client.query(`GRANT ${owner} TO CURRENT_USER`);
}

/** Whether the connected role may create the portal's roles (superuser, or CREATEROLE). */
export async function mayCreateRoles(client: Sql): Promise<boolean> {
  const { rows } = await client.query<{ may: boolean }>(
    `SELECT rolsuper OR rolcreaterole AS may FROM pg_roles WHERE rolname = current_user`,
  );
  return rows[0]?.may ?? false;
}

/**
 * What is wrong with serving as the connected role: it must not be superuser, own "AuditLog" (or
 * be a member of its owner), or hold UPDATE, DELETE or TRUNCATE on it. Empty when all is well.
 */
export async function servingRoleProblems(client: Sql): Promise<string[]> {
  const { rows } = await client.query<{ role: string; superuser: boolean; owns: boolean; changes: boolean }>(
    `SELECT current_user AS role, r.rolsuper AS superuser,
            pg_has_role(current_user, c.relowner, 'USAGE') AS owns,
            has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE') OR has_table_privilege(c.oid, 'TRUNCATE') AS changes
       FROM pg_roles r, pg_class c
      WHERE r.rolname = current_user AND c.oid = '"AuditLog"'::regclass`,
  );
  const row = rows[0]!;
  const problems: string[] = [];
  if (row.superuser) problems.push(`${row.role} is a superuser`);
  if (row.owns) problems.push(`${row.role} owns "AuditLog" (or is a member of its owner)`);
  if (row.changes) problems.push(`${row.role} may UPDATE, DELETE or TRUNCATE "AuditLog"`);
  return problems;
}
