// Compares prisma/schema.prisma with a migrated database: tables, columns (type, nullability,
// default), indexes and uniques (columns, order, direction), foreign keys, enums and views. Prisma's
// own `migrate diff` needs a native engine we can't download everywhere; this needs only the WASM
// schema parser shipped in @prisma/internals.
import internals from "@prisma/internals";
import { readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";

type TColumn = { type: string; nullable: boolean; default: string | null };
export type TSchemaShape = {
  tables: Record<string, Record<string, TColumn>>;
  indexes: Record<string, string[]>;
  foreignKeys: Record<string, string[]>;
  enums: Record<string, string[]>;
  views: Record<string, string[]>;
};

type TField = {
  name: string;
  dbName?: string | null;
  kind: string;
  type: string;
  isRequired: boolean;
  isList: boolean;
  isUpdatedAt: boolean;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
};

const norm = (s: string) => s.replace(/\s+/g, "").toLowerCase();

function pgType(field: Pick<TField, "type" | "kind" | "nativeType">, enums: Set<string>): string {
  const native = field.nativeType;
  if (field.kind === "enum" || enums.has(field.type)) return `"${field.type}"`;
  if (native) {
    const [name, args] = native;
    switch (name) {
      case "Uuid":
        return "uuid";
      case "Timestamptz":
        return `timestamp(${args[0] ?? 6}) with time zone`;
      case "Timestamp":
        return `timestamp(${args[0] ?? 6}) without time zone`;
      case "Date":
        return "date";
      case "Decimal":
        return `numeric(${args[0]},${args[1]})`;
      case "VarChar":
        return `character varying(${args[0]})`;
      default:
        return name.toLowerCase();
    }
  }
  const scalar: Record<string, string> = {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Boolean: "boolean",
    DateTime: "timestamp(3) without time zone",
    Decimal: "numeric(65,30)",
    Float: "double precision",
    Json: "jsonb",
    Bytes: "bytea",
  };
  return scalar[field.type] ?? field.type;
}

function prismaDefault(field: TField, table: string, enums: Set<string>): string | null {
  const d = field.default as { name?: string; args?: unknown[] } | string | number | boolean | undefined;
  if (d === undefined || d === null) return null;
  // A list's `@default([])` is an empty array of the element type (only empty lists are used).
  if (Array.isArray(d)) return norm(`array[]::${field.type === "String" ? "text" : field.type.toLowerCase()}[]`);
  if (typeof d === "object" && "name" in d) {
    if (d.name === "now") return "current_timestamp";
    if (d.name === "autoincrement") return norm(`nextval('"${table}_${field.dbName ?? field.name}_seq"'::regclass)`);
    if (d.name === "dbgenerated") return norm(String(d.args?.[0] ?? ""));
    return norm(`${d.name}()`);
  }
  if (enums.has(field.type)) return norm(`'${d}'::"${field.type}"`);
  if (field.type === "Json") return norm(`'${d}'::jsonb`);
  if (field.type === "String") return norm(`'${d}'::text`);
  return norm(String(d));
}

/** The schema as schema.prisma declares it. */
export async function expectedSchema(schemaPath = path.resolve("prisma/schema.prisma")): Promise<TSchemaShape> {
  const text = readFileSync(schemaPath, "utf8");
  const dmmf = await internals.getDMMF({ datamodel: text });
  const enumNames = new Set(dmmf.datamodel.enums.map((e) => e.name));
  const shape: TSchemaShape = { tables: {}, indexes: {}, foreignKeys: {}, enums: {}, views: {} };

  for (const e of dmmf.datamodel.enums) shape.enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);

  // Views come through the DMMF as models; they are compared as views (column names) instead.
  const viewNames = new Set([...text.matchAll(/^view (\w+) \{/gm)].map((m) => m[1]));
  const models = (dmmf.datamodel.models as unknown as { name: string; dbName?: string | null; fields: TField[] }[]).filter(
    (m) => !viewNames.has(m.name),
  );
  const tableOf = new Map(models.map((m) => [m.name, m.dbName ?? m.name]));
  const columnOf = (model: string, field: string) => {
    const f = models.find((m) => m.name === model)?.fields.find((x) => x.name === field);
    return f?.dbName ?? field;
  };

  for (const m of models) {
    const table = m.dbName ?? m.name;
    const cols: Record<string, TColumn> = {};
    for (const f of m.fields) {
      if (f.kind === "object") {
        if (f.relationFromFields?.length) {
          const target = tableOf.get(f.type) ?? f.type;
          const from = f.relationFromFields.map((x) => columnOf(m.name, x)).join(",");
          const to = (f.relationToFields ?? []).map((x) => columnOf(f.type, x)).join(",");
          const onDelete = (f.relationOnDelete ?? (f.isRequired ? "Restrict" : "SetNull")).toLowerCase();
          (shape.foreignKeys[table] ??= []).push(`(${from})->${target}(${to}) ondelete=${onDelete}`);
        }
        continue;
      }
      cols[f.dbName ?? f.name] = {
        type: pgType(f, enumNames) + (f.isList ? "[]" : ""),
        nullable: !f.isRequired,
        default: prismaDefault(f, table, enumNames),
      };
    }
    shape.tables[table] = cols;
  }

  // Unsupported("…") fields are not in the DMMF: read them from the text.
  for (const block of text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const table = tableOf.get(block[1]) ?? block[1];
    for (const line of block[2].matchAll(/^\s+(\w+)\s+Unsupported\("([^"]+)"\)(\?)?(.*)$/gm)) {
      const def = /@default\(dbgenerated\("([^"]+)"\)\)/.exec(line[4]);
      shape.tables[table][line[1]] = { type: line[2], nullable: line[3] === "?", default: def ? norm(def[1]) : null };
    }
  }

  for (const idx of dmmf.datamodel.indexes) {
    if (viewNames.has(idx.model)) continue;
    const table = tableOf.get(idx.model) ?? idx.model;
    const cols = idx.fields
      .map((f) => `${columnOf(idx.model, f.name)}${f.sortOrder === "desc" ? " desc" : ""}`)
      .join(",");
    const kind = idx.type === "id" ? "pk" : idx.type === "unique" ? "unique" : "index";
    (shape.indexes[table] ??= []).push(`${kind}(${cols})`);
  }
  // Prisma can't declare a partial index: the SQL migration creates it and the model's doc comment
  // names it ("Partial index <name>"), so one made or dropped without the other is still drift.
  for (const block of text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const table = tableOf.get(block[1]) ?? block[1];
    for (const m of block[2].matchAll(/Partial index (\w+)/g)) (shape.indexes[table] ??= []).push(`partial(${m[1]})`);
  }

  for (const block of text.matchAll(/^view (\w+) \{([\s\S]*?)^\}/gm)) {
    shape.views[block[1]] = [...block[2].matchAll(/^\s+(\w+)\s+\w/gm)].map((x) => x[1]).sort();
  }
  for (const key of Object.keys(shape.indexes)) shape.indexes[key].sort();
  for (const key of Object.keys(shape.foreignKeys)) shape.foreignKeys[key].sort();
  return shape;
}

/** The schema as the database has it (public schema; Prisma's bookkeeping table left out). */
export async function actualSchema(client: pg.Client, options: { ignoreIndexes?: string[] } = {}): Promise<TSchemaShape> {
  const shape: TSchemaShape = { tables: {}, indexes: {}, foreignKeys: {}, enums: {}, views: {} };
  const ignore = new Set(options.ignoreIndexes ?? []);

  const cols = await client.query<{ table: string; column: string; type: string; notnull: boolean; def: string | null }>(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS def
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      AND c.relname <> '_prisma_migrations'`);
  for (const r of cols.rows) {
    (shape.tables[r.table] ??= {})[r.column] = {
      type: r.type.replace(/numeric\((\d+),(\d+)\)/, "numeric($1,$2)"),
      nullable: !r.notnull,
      default: r.def === null ? null : norm(r.def),
    };
  }

  const idx = await client.query<{ table: string; name: string; def: string; unique: boolean; primary: boolean; partial: boolean }>(`
    SELECT t.relname AS table, i.relname AS name, pg_get_indexdef(ix.indexrelid) AS def,
           ix.indisunique AS unique, ix.indisprimary AS primary, ix.indpred IS NOT NULL AS partial
    FROM pg_index ix
    JOIN pg_class i ON i.oid = ix.indexrelid
    JOIN pg_class t ON t.oid = ix.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'`);
  for (const r of idx.rows) {
    if (ignore.has(r.name)) continue;
    if (r.partial) {
      (shape.indexes[r.table] ??= []).push(`partial(${r.name})`);
      continue;
    }
    const inner = /\((.*)\)$/.exec(r.def)?.[1] ?? "";
    const columns = inner
      .split(",")
      .map((c) => c.trim().replace(/"/g, "").replace(/\s+ASC$/i, "").replace(/\s+DESC$/i, " desc"))
      .join(",");
    const kind = r.primary ? "pk" : r.unique ? "unique" : "index";
    (shape.indexes[r.table] ??= []).push(`${kind}(${columns})`);
  }

  const fks = await client.query<{ table: string; def: string; target: string; from: string; to: string }>(`
    SELECT c.conrelid::regclass::text AS table, c.confdeltype AS def, c.confrelid::regclass::text AS target,
           (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(n, ord)
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS from,
           (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(n, ord)
              JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS to
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE c.contype = 'f' AND n.nspname = 'public'`);
  const onDelete: Record<string, string> = { a: "noaction", r: "restrict", c: "cascade", n: "setnull", d: "setdefault" };
  for (const r of fks.rows) {
    const table = r.table.replace(/"/g, "");
    (shape.foreignKeys[table] ??= []).push(`(${r.from})->${r.target.replace(/"/g, "")}(${r.to}) ondelete=${onDelete[r.def]}`);
  }

  const enums = await client.query<{ name: string; value: string }>(`
    SELECT t.typname AS name, e.enumlabel AS value FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
    JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' ORDER BY t.typname, e.enumsortorder`);
  for (const r of enums.rows) (shape.enums[r.name] ??= []).push(r.value);

  const views = await client.query<{ view: string; column: string }>(`
    SELECT c.relname AS view, a.attname AS column FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm') AND a.attnum > 0 AND NOT a.attisdropped`);
  for (const r of views.rows) (shape.views[r.view] ??= []).push(r.column);
  for (const key of Object.keys(shape.views)) shape.views[key].sort();
  for (const key of Object.keys(shape.indexes)) shape.indexes[key].sort();
  for (const key of Object.keys(shape.foreignKeys)) shape.foreignKeys[key].sort();
  return shape;
}

/** Human-readable differences; empty when the two agree. */
export function diffSchemas(expected: TSchemaShape, actual: TSchemaShape): string[] {
  const out: string[] = [];
  const keys = (a: object, b: object) => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();

  for (const table of keys(expected.tables, actual.tables)) {
    const e = expected.tables[table];
    const a = actual.tables[table];
    if (!e) out.push(`table ${table}: in the database, not in schema.prisma`);
    else if (!a) out.push(`table ${table}: in schema.prisma, not in the database`);
    else {
      for (const col of keys(e, a)) {
        if (!e[col]) out.push(`${table}.${col}: in the database, not in schema.prisma`);
        else if (!a[col]) out.push(`${table}.${col}: in schema.prisma, not in the database`);
        else {
          if (e[col].type !== a[col].type) out.push(`${table}.${col}: type ${e[col].type} (schema) vs ${a[col].type} (db)`);
          if (e[col].nullable !== a[col].nullable)
            out.push(`${table}.${col}: ${e[col].nullable ? "nullable" : "required"} in schema, not in db`);
          if (e[col].default !== a[col].default)
            out.push(`${table}.${col}: default ${e[col].default} (schema) vs ${a[col].default} (db)`);
        }
      }
    }
  }
  const compareLists = (what: string, e: Record<string, string[]>, a: Record<string, string[]>) => {
    for (const key of keys(e, a)) {
      const es = new Set(e[key] ?? []);
      const as = new Set(a[key] ?? []);
      for (const x of es) if (!as.has(x)) out.push(`${what} ${key} ${x}: in schema.prisma, not in the database`);
      for (const x of as) if (!es.has(x)) out.push(`${what} ${key} ${x}: in the database, not in schema.prisma`);
    }
  };
  compareLists("index", expected.indexes, actual.indexes);
  compareLists("foreign key", expected.foreignKeys, actual.foreignKeys);
  compareLists("enum", expected.enums, actual.enums);
  compareLists("view", expected.views, actual.views);
  return out;
}
