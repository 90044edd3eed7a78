import { readFileSync } from "node:fs";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import type pg from "pg";

/**
 * The database structure that schema.prisma implies, as Prisma's own migrations would create it
 * on PostgreSQL, and the same structure read back from a live database. Used to write the SQL of
 * a new migration (scripts/db-schema-sql.ts) and by the drift test, since Prisma's native schema
 * engine cannot be had here (docs/decisions/0001-sql-migrations.md).
 */
export type Column = { type: string; nullable: boolean };
export type Index = { name: string; columns: string[]; unique: boolean };
export type ForeignKey = {
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
};
export type Table = {
  columns: Record<string, Column>;
  primaryKey: Index | null;
  indexes: Index[];
  foreignKeys: ForeignKey[];
};
export type DbSchema = { enums: Record<string, string[]>; tables: Record<string, Table> };

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object";
  type: string;
  isRequired: boolean;
  isList: boolean;
  nativeType?: [string, string[]] | null;
  default?: { name?: string } | unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type DmmfIndex = {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  fields: { name: string }[];
};
type Dmmf = {
  datamodel: {
    enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
    models: DmmfModel[];
    indexes: DmmfIndex[];
  };
};

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Json: "jsonb",
  Bytes: "bytea",
};

const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Date: () => "date",
  Timestamptz: (args) => `timestamp(${args[0] ?? 3}) with time zone`,
  VarChar: (args) => `character varying(${args[0]})`,
  Char: (args) => `character(${args[0]})`,
  Decimal: (args) => `numeric(${args.join(",")})`,
  Uuid: () => "uuid",
};

const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

export function loadDmmf(schemaPath = "prisma/schema.prisma"): Dmmf {
  const prismaSchema = readFileSync(schemaPath, "utf8");
  return JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [[schemaPath, prismaSchema]] }))) as Dmmf;
}

function columnType(field: DmmfField, enumDbNames: Map<string, string>): string {
  if (field.kind === "enum") return `"${enumDbNames.get(field.type) ?? field.type}"`;
  if (field.nativeType) {
    const [name, args] = field.nativeType;
    const render = NATIVE_TYPES[name];
    if (!render) throw new Error(`Native type @db.${name} is not supported by schema-spec`);
    return render(args);
  }
  const type = SCALAR_TYPES[field.type];
  if (!type) throw new Error(`Scalar type ${field.type} is not supported by schema-spec`);
  return type;
}

/** The structure Prisma's migrations would give schema.prisma, with Prisma's default names. */
export function expectedSchema(dmmf: Dmmf = loadDmmf()): DbSchema {
  const { enums, models, indexes } = dmmf.datamodel;
  const enumDbNames = new Map(enums.map((e) => [e.name, e.dbName ?? e.name]));
  const tableName = new Map(models.map((m) => [m.name, m.dbName ?? m.name]));
  const schema: DbSchema = {
    enums: Object.fromEntries(enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)])),
    tables: {},
  };
  for (const model of models) {
    const table = tableName.get(model.name)!;
    const columnOf = (fieldName: string) => {
      const field = model.fields.find((f) => f.name === fieldName);
      return field?.dbName ?? fieldName;
    };
    const columns: Record<string, Column> = {};
    const foreignKeys: ForeignKey[] = [];
    for (const field of model.fields) {
      if (field.kind === "object") {
        if (!field.relationFromFields?.length) continue;
        const related = models.find((m) => m.name === field.type)!;
        const fromColumns = field.relationFromFields.map(columnOf);
        const optional = field.relationFromFields.some(
          (name) => !model.fields.find((f) => f.name === name)!.isRequired,
        );
        foreignKeys.push({
          name: `${table}_${fromColumns.join("_")}_fkey`,
          columns: fromColumns,
          refTable: tableName.get(related.name)!,
          refColumns: field.relationToFields!.map(
            (name) => related.fields.find((f) => f.name === name)?.dbName ?? name,
          ),
          onDelete: REFERENTIAL_ACTIONS[field.relationOnDelete ?? (optional ? "SetNull" : "Restrict")]!,
          onUpdate: REFERENTIAL_ACTIONS[field.relationOnUpdate ?? "Cascade"]!,
        });
        continue;
      }
      if (field.isList) throw new Error(`Scalar lists are not supported by schema-spec (${model.name}.${field.name})`);
      columns[field.dbName ?? field.name] = { type: columnType(field, enumDbNames), nullable: !field.isRequired };
    }
    let primaryKey: Index | null = null;
    const tableIndexes: Index[] = [];
    for (const index of indexes.filter((i) => i.model === model.name)) {
      const cols = index.fields.map((f) => columnOf(f.name));
      if (index.type === "id") {
        primaryKey = { name: index.dbName ?? `${table}_pkey`, columns: cols, unique: true };
      } else if (index.type === "unique" || index.type === "normal") {
        const unique = index.type === "unique";
        const suffix = unique ? "key" : "idx";
        tableIndexes.push({ name: index.dbName ?? `${table}_${cols.join("_")}_${suffix}`, columns: cols, unique });
      } else {
        throw new Error(`Index type ${index.type} is not supported by schema-spec`);
      }
    }
    schema.tables[table] = { columns, primaryKey, indexes: tableIndexes, foreignKeys };
  }
  return schema;
}

function defaultClause(field: DmmfField): string {
  const value = field.default as { name?: string; args?: unknown[] } | string | number | boolean | undefined;
  if (value === undefined) return "";
  if (typeof value === "object" && value?.name === "now") return " DEFAULT CURRENT_TIMESTAMP";
  if (typeof value === "object") return "";
  if (field.kind === "enum") return ` DEFAULT '${String(value)}'`;
  if (typeof value === "string") return ` DEFAULT '${value.replaceAll("'", "''")}'`;
  return ` DEFAULT ${String(value)}`;
}

/** A catalog type name as Prisma writes it in migrations: `TIMESTAMP(3)`, `TEXT`, `"EnumName"`. */
function sqlType(catalogType: string): string {
  if (catalogType.startsWith('"')) return catalogType;
  return catalogType.replace(" without time zone", "").toUpperCase();
}

/** CREATE statements for the whole schema, in Prisma's migration style (for a first migration). */
export function renderCreateSql(dmmf: Dmmf = loadDmmf()): string {
  const schema = expectedSchema(dmmf);
  const out: string[] = [];
  for (const [name, values] of Object.entries(schema.enums)) {
    out.push(`-- CreateEnum\nCREATE TYPE "${name}" AS ENUM (${values.map((v) => `'${v}'`).join(", ")});\n`);
  }
  for (const model of dmmf.datamodel.models) {
    const table = model.dbName ?? model.name;
    const spec = schema.tables[table]!;
    const lines = model.fields
      .filter((f) => f.kind !== "object")
      .map((field) => {
        const column = field.dbName ?? field.name;
        const autoincrement = (field.default as { name?: string } | undefined)?.name === "autoincrement";
        return `    "${column}" ${autoincrement ? (field.type === "BigInt" ? "BIGSERIAL" : "SERIAL") : sqlType(spec.columns[column]!.type)}${field.isRequired ? " NOT NULL" : ""}${defaultClause(field)}`;
      });
    if (spec.primaryKey) {
      lines.push(`\n    CONSTRAINT "${spec.primaryKey.name}" PRIMARY KEY (${spec.primaryKey.columns.map((c) => `"${c}"`).join(",")})`);
    }
    out.push(`-- CreateTable\nCREATE TABLE "${table}" (\n${lines.join(",\n")}\n);\n`);
  }
  for (const [table, spec] of Object.entries(schema.tables)) {
    for (const index of spec.indexes) {
      out.push(
        `-- CreateIndex\nCREATE ${index.unique ? "UNIQUE " : ""}INDEX "${index.name}" ON "${table}"(${index.columns.map((c) => `"${c}"`).join(", ")});\n`,
      );
    }
  }
  for (const [table, spec] of Object.entries(schema.tables)) {
    for (const fk of spec.foreignKeys) {
      out.push(
        `-- AddForeignKey\nALTER TABLE "${table}" ADD CONSTRAINT "${fk.name}" FOREIGN KEY (${fk.columns.map((c) => `"${c}"`).join(", ")}) REFERENCES "${fk.refTable}"(${fk.refColumns.map((c) => `"${c}"`).join(", ")}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate};\n`,
      );
    }
  }
  return out.join("\n");
}

const FK_ACTIONS: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

/** The structure of the live database's public schema, Prisma's bookkeeping table left out. */
export async function introspect(client: pg.ClientBase): Promise<DbSchema> {
  const schema: DbSchema = { enums: {}, tables: {} };
  const enums = await client.query<{ name: string; value: string }>(
    `SELECT t.typname AS name, e.enumlabel AS value FROM pg_type t
       JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' ORDER BY t.typname, e.enumsortorder`,
  );
  for (const row of enums.rows) (schema.enums[row.name] ??= []).push(row.value);

  const columns = await client.query<{ table: string; column: string; type: string; notnull: boolean }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
        AND c.relname <> '_prisma_migrations' AND NOT c.relispartition
      ORDER BY c.relname, a.attnum`,
  );
  for (const row of columns.rows) {
    const table = (schema.tables[row.table] ??= { columns: {}, primaryKey: null, indexes: [], foreignKeys: [] });
    table.columns[row.column] = { type: row.type, nullable: !row.notnull };
  }

  const indexes = await client.query<{ table: string; name: string; columns: string[]; unique: boolean; primary: boolean }>(
    `SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
            ARRAY(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
       FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations' AND NOT t.relispartition`,
  );
  for (const row of indexes.rows) {
    const table = schema.tables[row.table];
    if (!table) continue;
    const index = { name: row.name, columns: row.columns, unique: row.unique };
    if (row.primary) table.primaryKey = index;
    else table.indexes.push(index);
  }

  const fks = await client.query<{
    table: string; name: string; columns: string[]; ref_table: string; ref_columns: string[]; del: string; upd: string;
  }>(
    `SELECT t.relname AS table, c.conname AS name, r.relname AS ref_table, c.confdeltype AS del, c.confupdtype AS upd,
            ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
            ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS ref_columns
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.contype = 'f' AND n.nspname = 'public' AND c.conparentid = 0 AND NOT t.relispartition`,
  );
  for (const row of fks.rows) {
    schema.tables[row.table]?.foreignKeys.push({
      name: row.name,
      columns: row.columns,
      refTable: row.ref_table,
      refColumns: row.ref_columns,
      onDelete: FK_ACTIONS[row.del]!,
      onUpdate: FK_ACTIONS[row.upd]!,
    });
  }
  return schema;
}

/**
 * Indexes made by migrations that schema.prisma cannot describe (expression and operator-class
 * indexes). The drift check requires them to exist and otherwise leaves them out of the comparison.
 */
export const SQL_ONLY_INDEXES: Record<string, string> = {
  Agreement_searchVector_idx: "Agreement",
  Agreement_searchText_trgm_idx: "Agreement",
  Agreement_name_trgm_idx: "Agreement",
  // At most one ACTIVE manual submission per institution and quarter (a partial unique index).
  Submission_one_active_manual_idx: "Submission",
  // At most one pending enrolment, open join request and open access request (partial unique indexes).
  Enrolment_one_pending_key: "Enrolment",
  JoinPhaseRequest_one_open_key: "JoinPhaseRequest",
  AccessRequest_one_open_key: "AccessRequest",
  // At most one active version of a supplier's sales report per agreement and quarter.
  SalesReport_active_key: "SalesReport",
  // The reconciliation's largest differences (an expression) and sales to non-parties (partial).
  Reconciliation_largest_difference_idx: "Reconciliation",
  Reconciliation_non_party_sales_idx: "Reconciliation",
};

/** Columns made by migrations in types Prisma's schema cannot describe, by table. */
export const SQL_ONLY_COLUMNS: Record<string, Record<string, Column>> = {
  Agreement: { searchVector: { type: "tsvector", nullable: false } },
};

/** Every difference between two structures, one readable line each; empty when they agree. */
export function diffSchemas(expected: DbSchema, actual: DbSchema): string[] {
  const problems: string[] = [];
  const keyed = <T extends { name: string }>(items: T[]) => new Map(items.map((i) => [i.name, JSON.stringify(i)]));
  const compareSets = (what: string, want: Map<string, string>, have: Map<string, string>) => {
    for (const [name, spec] of want) {
      if (!have.has(name)) problems.push(`${what} ${name} is missing from the database (${spec})`);
      else if (have.get(name) !== spec) problems.push(`${what} ${name} differs: schema ${spec}, database ${have.get(name)}`);
    }
    for (const [name, spec] of have) if (!want.has(name)) problems.push(`${what} ${name} is in the database only (${spec})`);
  };
  compareSets(
    "enum",
    new Map(Object.entries(expected.enums).map(([n, v]) => [n, v.join(",")])),
    new Map(Object.entries(actual.enums).map(([n, v]) => [n, v.join(",")])),
  );
  for (const name of new Set([...Object.keys(expected.tables), ...Object.keys(actual.tables)])) {
    const want = expected.tables[name];
    const have = actual.tables[name];
    if (!want || !have) {
      problems.push(want ? `table ${name} is missing from the database` : `table ${name} is in the database only`);
      continue;
    }
    const columnsOf = (t: Table) => new Map(Object.entries(t.columns).map(([c, s]) => [`${name}.${c}`, JSON.stringify(s)]));
    compareSets("column", columnsOf({ ...want, columns: { ...want.columns, ...SQL_ONLY_COLUMNS[name] } }), columnsOf(have));
    if (JSON.stringify(want.primaryKey) !== JSON.stringify(have.primaryKey)) {
      problems.push(`primary key of ${name} differs: schema ${JSON.stringify(want.primaryKey)}, database ${JSON.stringify(have.primaryKey)}`);
    }
    const sqlOnly = have.indexes.filter((index) => SQL_ONLY_INDEXES[index.name] === name);
    compareSets("index", keyed(want.indexes), keyed(have.indexes.filter((index) => !sqlOnly.includes(index))));
    compareSets("foreign key", keyed(want.foreignKeys), keyed(have.foreignKeys));
  }
  for (const [index, table] of Object.entries(SQL_ONLY_INDEXES)) {
    if (actual.tables[table] && !actual.tables[table].indexes.some((i) => i.name === index)) {
      problems.push(`index ${index} (made in SQL only) is missing from the database`);
    }
  }
  return problems;
}
