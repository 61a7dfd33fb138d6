import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/database';
import { readPrismaSchema, type SchemaModel } from '../test/prisma-schema';
import type { Database } from './open';

// prisma migrate cannot run on these machines, so the migrations are written by hand. This proves that what they
// build is exactly what schema.prisma (and so the generated client) expects, in both directions.

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Boolean: 'boolean',
  DateTime: 'timestamp without time zone',
  Json: 'jsonb',
  Decimal: 'numeric',
  Bytes: 'bytea',
};

// Prisma's defaults when a relation does not say: required relations restrict, optional ones set null.
const DELETE_RULES: Record<string, string> = { Cascade: 'c', SetNull: 'n', Restrict: 'r', NoAction: 'a', SetDefault: 'd' };

interface Column {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
}
interface Index {
  table: string;
  name: string;
  unique: boolean;
  primary: boolean;
  columns: string[];
}
interface ForeignKey {
  table: string;
  columns: string[];
  ref_table: string;
  ref_columns: string[];
  on_delete: string;
}

const schema = readPrismaSchema();
let database: Database;
let columns: Column[];
let indexes: Index[];
let foreignKeys: ForeignKey[];

beforeAll(async () => {
  database = await openTestDatabase();
  columns = await database.sql.query<Column>(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  indexes = await database.sql.query<Index>(
    `SELECT t.relname AS "table", i.relname AS name, ix.indisunique AS "unique", ix.indisprimary AS "primary",
            array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index ix
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = 'public'
      GROUP BY t.relname, i.relname, ix.indisunique, ix.indisprimary`,
  );
  foreignKeys = await database.sql.query<ForeignKey>(
    `SELECT t.relname AS "table", r.relname AS ref_table, c.confdeltype::text AS on_delete,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(n, ord)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS columns,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(n, ord)
               JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS ref_columns
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class r ON r.oid = c.confrelid
      WHERE c.contype = 'f'`,
  );
});

afterAll(async () => {
  await database?.close();
});

const scalarFields = (model: SchemaModel) => model.fields.filter((f) => !f.isRelation);
const sameColumns = (a: string[], b: string[]) => a.length === b.length && a.every((c, i) => c === b[i]);

describe('the migrated database matches prisma/schema.prisma', () => {
  it('has a table for every model and no table the schema does not know', () => {
    const tables = new Set(columns.map((c) => c.table_name));
    tables.delete('_prisma_migrations');
    expect([...tables].sort()).toEqual(schema.models.map((m) => m.name).sort());
  });

  it('has every enum with exactly its values', async () => {
    const rows = await database.sql.query<{ name: string; values: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.name, r.values]))).toEqual(Object.fromEntries(schema.enums));
  });

  for (const model of schema.models) {
    describe(model.name, () => {
      it('has a column of a compatible type and nullability for every field, and no other column', () => {
        const actual = columns.filter((c) => c.table_name === model.name);
        expect(actual.map((c) => c.column_name).sort()).toEqual(scalarFields(model).map((f) => f.name).sort());
        for (const field of scalarFields(model)) {
          const column = actual.find((c) => c.column_name === field.name)!;
          const where = `${model.name}.${field.name}`;
          const unsupported = field.type.match(/^Unsupported\("(.+)"\)$/);
          if (unsupported) {
            expect(column.udt_name, where).toBe(unsupported[1]);
          } else if (schema.enums.has(field.type)) {
            expect(column.data_type === 'USER-DEFINED' ? column.udt_name : column.data_type, where).toBe(field.type);
          } else {
            expect(column.data_type, where).toBe(field.list ? 'ARRAY' : (field.nativeType ?? SCALAR_TYPES[field.type]));
          }
          expect(column.is_nullable, `${where} nullability`).toBe(field.optional ? 'YES' : 'NO');
          // @default must be a database default; @updatedAt and relation-less ids are filled by the client.
          if (field.hasDefault && !/@default\((uuid|cuid)\(\)\)/.test(field.attributes)) {
            expect(column.column_default, `${where} default`).not.toBeNull();
          }
        }
      });

      it('has its primary key, unique constraints and indexes', () => {
        const own = indexes.filter((i) => i.table === model.name);
        const primary = own.find((i) => i.primary);
        expect(primary?.columns, `${model.name} primary key`).toEqual(model.id);
        const uniques = [...model.uniques, ...model.fields.filter((f) => f.isUnique).map((f) => [f.name])];
        for (const unique of uniques) {
          expect(
            own.some((i) => i.unique && !i.primary && sameColumns(i.columns, unique)),
            `${model.name} unique (${unique.join(', ')})`,
          ).toBe(true);
        }
        for (const index of model.indexes) {
          expect(
            own.some((i) => !i.primary && sameColumns(i.columns, index)),
            `${model.name} index (${index.join(', ')})`,
          ).toBe(true);
        }
        expect(own.length, `${model.name} has no index the schema does not declare`).toBe(
          1 + uniques.length + model.indexes.length,
        );
      });

      it('has a foreign key with the declared delete rule for every relation it owns', () => {
        const relations = model.fields.filter((f) => f.relation);
        const own = foreignKeys.filter((k) => k.table === model.name);
        expect(own.length, `${model.name} foreign keys`).toBe(relations.length);
        for (const field of relations) {
          const relation = field.relation!;
          const key = own.find((k) => sameColumns(k.columns, relation.fields));
          const where = `${model.name}.${field.name}`;
          expect(key, `${where} foreign key`).toBeDefined();
          expect(key!.ref_table, where).toBe(field.type);
          expect(key!.ref_columns, where).toEqual(relation.references);
          const expected = relation.onDelete ?? (field.optional ? 'SetNull' : 'Restrict');
          expect(key!.on_delete, `${where} onDelete`).toBe(DELETE_RULES[expected]);
        }
      });
    });
  }
});
