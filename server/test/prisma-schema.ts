import fs from 'node:fs';
import path from 'node:path';

// A reader for the subset of the Prisma schema language Weft uses, so a test can compare schema.prisma with the
// database the hand-written migrations produce. It refuses what it does not understand rather than guessing.

interface SchemaField {
  name: string;
  type: string;
  /** The database type a `@db.…` attribute asks for instead of the type's default. */
  nativeType?: string;
  optional: boolean;
  list: boolean;
  attributes: string;
  isRelation: boolean;
  hasDefault: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt: boolean;
  relation?: { fields: string[]; references: string[]; onDelete?: string };
}

export interface SchemaModel {
  name: string;
  fields: SchemaField[];
  id: string[];
  uniques: string[][];
  indexes: string[][];
}

export interface PrismaSchema {
  models: SchemaModel[];
  enums: Map<string, string[]>;
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function readPrismaSchema(file = path.join(process.cwd(), 'prisma', 'schema.prisma')): PrismaSchema {
  const text = fs.readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '');
  const enums = new Map<string, string[]>();
  for (const m of text.matchAll(/^enum\s+(\w+)\s*\{([^}]*)\}/gm)) enums.set(m[1], m[2].split(/\s+/).filter(Boolean));

  const blocks = [...text.matchAll(/^model\s+(\w+)\s*\{([^}]*)\}/gm)];
  const modelNames = new Set(blocks.map((m) => m[1]));
  const models = blocks.map(([, name, body]) => {
    const model: SchemaModel = { name, fields: [], id: [], uniques: [], indexes: [] };
    for (const raw of body.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      const block = line.match(/^@@(\w+)\(\[([^\]]*)\]/);
      if (block) {
        const [, kind, columns] = block;
        if (kind === 'id') model.id = list(columns);
        else if (kind === 'unique') model.uniques.push(list(columns));
        else if (kind === 'index') model.indexes.push(list(columns));
        else throw new Error(`${name}: unsupported block attribute @@${kind}`);
        continue;
      }
      // `Unsupported("tsvector")?` names a database type Prisma has no client type for.
      const field = line.match(/^(\w+)\s+(\w+(?:\("[^"]*"\))?)(\[\])?(\?)?\s*(.*)$/);
      if (!field) throw new Error(`${name}: cannot read line "${line}"`);
      const [, fieldName, type, isList, optional, attributes] = field;
      // `@db.Json` (json instead of Prisma's default jsonb) is the one native type the schema uses.
      const nativeType = /@db\.Json\b/.test(attributes) ? 'json' : undefined;
      if (/@map|@db\.(?!Json\b)/.test(attributes)) throw new Error(`${name}.${fieldName}: @map/@db other than @db.Json are not supported here`);
      const rel = attributes.match(/@relation\(([^)]*)\)/);
      const relation =
        rel && /fields:/.test(rel[1])
          ? {
              fields: list(rel[1].match(/fields:\s*\[([^\]]*)\]/)![1]),
              references: list(rel[1].match(/references:\s*\[([^\]]*)\]/)![1]),
              onDelete: rel[1].match(/onDelete:\s*(\w+)/)?.[1],
            }
          : undefined;
      model.fields.push({
        name: fieldName,
        type,
        nativeType,
        optional: Boolean(optional),
        list: Boolean(isList),
        attributes,
        isRelation: modelNames.has(type),
        hasDefault: /@default\(/.test(attributes),
        isId: /@id\b/.test(attributes),
        isUnique: /@unique\b/.test(attributes),
        isUpdatedAt: /@updatedAt\b/.test(attributes),
        relation,
      });
      if (/@id\b/.test(attributes)) model.id = [fieldName];
    }
    return model;
  });
  return { models, enums };
}
