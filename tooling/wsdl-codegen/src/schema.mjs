// The schema model: every type and global element keyed by {namespace}localName, every field with
// the namespace it is written in ('' when unqualified), built on demand from node-soap's schema
// nodes so that one unsupported construct only refuses the operations that reach it.
import { builtinOf, isXsdNamespace, SOAP_ENC_NS, XSD_NS } from './xsd.mjs';

/** A construct the generator does not support; `where` says where in the WSDL it was met. */
export class Unsupported extends Error {
  constructor(construct, where) {
    super(`${construct} (at ${where})`);
    this.name = 'Unsupported';
    this.construct = construct;
    this.where = where;
  }
}

export const keyOf = (ns, local) => `{${ns ?? ''}}${local}`;

function splitQName(qname) {
  const i = qname.indexOf(':');
  return i < 0 ? { prefix: '', local: qname } : { prefix: qname.slice(0, i), local: qname.slice(i + 1) };
}

const occurs = (value, fallback) =>
  value === undefined ? fallback : value === 'unbounded' ? 'unbounded' : Number(value);

const kids = (node) => node?.children ?? [];

export class SchemaModel {
  constructor(definitions) {
    this.definitions = definitions;
    /** key -> { kind: 'complex', key, ns, local, hint, base?, own: Field[] } | { kind: 'simple', key, ns, local, hint, base, enum? } */
    this.types = new Map();
    this.elements = new Map();
    /** Constructs met but not modelled (their content is not typed); listed in the generated module. */
    this.skipped = new Set();
  }

  schema(ns) {
    const schemas = this.definitions.schemas;
    return schemas[ns ?? ''] ?? (ns ? undefined : schemas.undefined);
  }

  /**
   * Resolves a QName written on `node` to { ns, local }: inside the schema of `tns`, or, with `tns`
   * undefined, on a WSDL element (a part), where the declarations of the last schema node-soap read
   * (its `schemaXmlns`) do not apply.
   */
  resolve(qname, node, tns) {
    const { prefix, local } = splitQName(qname);
    if (prefix === 'xml') return { ns: 'http://www.w3.org/XML/1998/namespace', local };
    if (prefix) {
      const inSchema = tns !== undefined;
      const ns =
        node.xmlns?.[prefix] ??
        (inSchema ? (node.schemaXmlns?.[prefix] ?? this.schema(tns)?.xmlns?.[prefix]) : undefined) ??
        node.definitionsXmlns?.[prefix] ??
        this.definitions.xmlns[prefix];
      if (ns === undefined)
        throw new Unsupported(`undeclared namespace prefix "${prefix}"`, `QName ${qname}`);
      return { ns, local };
    }
    // node-soap files the default namespace under the target namespace's slot, so an unprefixed
    // name is looked up in the target namespace first and taken as a built-in otherwise.
    const own = node.xmlns?.__tns__;
    for (const ns of [own, tns, node.definitionsXmlns?.__tns__, this.definitions.xmlns.__tns__]) {
      const s = ns === undefined ? undefined : this.schema(ns);
      if (s && (s.complexTypes[local] || s.types[local] || s.elements[local])) return { ns, local };
    }
    return { ns: isXsdNamespace(own) || !own ? XSD_NS : own, local };
  }

  /** A type reference from a QName: a built-in name, 'anyType', or { key } of a modelled type. */
  typeRef(qname, node, tns, where) {
    const { ns, local } = this.resolve(qname, node, tns);
    if (isXsdNamespace(ns) || ns === SOAP_ENC_NS) {
      if (ns === SOAP_ENC_NS && local === 'Array')
        throw new Unsupported('SOAP-encoded array (soapenc:Array)', where);
      return builtinOf(local);
    }
    return { key: this.namedType(ns, local, where) };
  }

  namedType(ns, local, where) {
    const key = keyOf(ns, local);
    if (this.types.has(key)) return key;
    const schema = this.schema(ns);
    // node-soap leaves types named like an XSD built-in (tns:boolean) out of its maps, not its children.
    const dropped = [...(schema?.children ?? []), ...(schema?.$keptChildren ?? [])].find(
      (c) => c.$name === local && /^(complex|simple)Type$/.test(c.name),
    );
    const complex = schema?.complexTypes[local] ?? (dropped?.name === 'complexType' ? dropped : undefined);
    const simple = schema?.types[local] ?? (dropped?.name === 'simpleType' ? dropped : undefined);
    if (!complex && !simple) throw new Unsupported(`reference to undefined type ${key}`, where);
    try {
      if (complex) this.buildComplex(key, ns, local, local, complex);
      else this.types.set(key, this.buildSimple(key, ns, local, local, simple, ns));
    } catch (error) {
      this.types.delete(key); // a half-built type must not be found by the next operation
      throw error;
    }
    return key;
  }

  /** A global element: { ns, local, type, nillable }. */
  element(ns, local, where) {
    const key = keyOf(ns, local);
    const known = this.elements.get(key);
    if (known) return known;
    const node = this.schema(ns)?.elements[local];
    if (!node) throw new Unsupported(`reference to undefined element ${key}`, where);
    const decl = { key, ns, local, nillable: node.$nillable === 'true', type: 'anyType' };
    this.elements.set(key, decl);
    try {
      decl.type = this.elementType(node, ns, `${key}#element`, local, `element ${key}`);
    } catch (error) {
      this.elements.delete(key);
      throw error;
    }
    if (node.$substitutionGroup)
      this.skipped.add(`substitution group of element ${key} (members are not offered)`);
    return decl;
  }

  /** The type of an element declaration: named, anonymous (modelled under `anonKey`), or anyType. */
  elementType(node, tns, anonKey, hint, where) {
    if (node.$type) return this.typeRef(node.$type, node, tns, where);
    const anon = kids(node).find((c) => c.name === 'complexType' || c.name === 'simpleType');
    if (!anon) return 'anyType';
    if (!this.types.has(anonKey)) {
      try {
        if (anon.name === 'complexType') this.buildComplex(anonKey, tns, hint, hint, anon, true);
        else this.types.set(anonKey, this.buildSimple(anonKey, tns, hint, hint, anon, tns, true));
      } catch (error) {
        this.types.delete(anonKey);
        throw error;
      }
    }
    return { key: anonKey };
  }

  buildSimple(key, ns, local, hint, node, tns, anonymous = false) {
    const type = { kind: 'simple', key, ns, local, hint, anonymous, base: 'string', enum: undefined };
    const restriction = kids(node).find((c) => c.name === 'restriction');
    if (!restriction) return type; // list and union travel as text
    const values = kids(restriction)
      .filter((c) => c.name === 'enumeration')
      .map((c) => c.$value ?? c.$$value ?? c.$value);
    if (restriction.$base) {
      const base = this.typeRef(restriction.$base, restriction, tns, `simpleType ${key}`);
      if (typeof base === 'string') type.base = base === 'anyType' ? 'string' : base;
      else {
        const baseType = this.types.get(base.key);
        if (baseType?.kind === 'simple') {
          type.base = baseType.base;
          if (!values.length && baseType.enum) type.enum = baseType.enum;
        }
      }
    } else {
      const inner = kids(restriction).find((c) => c.name === 'simpleType');
      if (inner) type.base = this.buildSimple(`${key}#base`, ns, local, hint, inner, tns, true).base;
    }
    if (values.length > 0 && values.every((v) => typeof v === 'string')) type.enum = values;
    return type;
  }

  buildComplex(key, tns, local, hint, node, anonymous = false) {
    const type = { kind: 'complex', key, ns: tns, local, hint, anonymous, base: undefined, own: [] };
    this.types.set(key, type); // before the content, for recursive types
    const where = `complexType ${key}`;
    const ctx = { tns, key, hint, where, repeated: false, optional: false };
    for (const child of kids(node)) {
      if (child.name === 'complexContent' || child.name === 'simpleContent') {
        for (const inner of kids(child)) {
          if (inner.name !== 'extension' && inner.name !== 'restriction') continue;
          this.derive(type, inner, child.name === 'simpleContent', ctx);
        }
      } else this.particle(child, type.own, ctx);
    }
    return type;
  }

  derive(type, node, simpleContent, ctx) {
    const base = node.$base ? this.typeRef(node.$base, node, ctx.tns, ctx.where) : 'anyType';
    const extension = node.name === 'extension';
    if (typeof base === 'string') {
      if (simpleContent) type.own.push(textField(base === 'anyType' ? 'string' : base));
    } else {
      const baseType = this.types.get(base.key);
      if (baseType.kind === 'simple') type.own.push(textField(base));
      else if (extension || simpleContent) type.base = base.key;
    }
    for (const child of kids(node)) this.particle(child, type.own, ctx);
  }

  particle(node, out, ctx) {
    switch (node.name) {
      case 'element':
        out.push(this.elementField(node, ctx));
        return;
      case 'sequence':
      case 'all':
      case 'choice': {
        const max = occurs(node.$maxOccurs, 1);
        const inner = {
          ...ctx,
          repeated: ctx.repeated || max === 'unbounded' || max > 1,
          optional: ctx.optional || node.name === 'choice' || node.$minOccurs === '0',
        };
        for (const child of kids(node)) this.particle(child, out, inner);
        return;
      }
      case 'group': {
        if (!node.$ref) return;
        const { ns, local } = this.resolve(node.$ref, node, ctx.tns);
        const group = this.schema(ns)?.groups?.[local];
        if (!group) throw new Unsupported(`reference to undefined group ${keyOf(ns, local)}`, ctx.where);
        for (const child of kids(group)) this.particle(child, out, ctx);
        return;
      }
      case 'any': {
        // Several xs:any in one type (ASMX DataSets) take the unmatched children together.
        const known = out.find((f) => f.kind === 'any');
        if (known) {
          known.max = 'unbounded';
          return;
        }
        out.push({
          kind: 'any',
          name: '$any',
          ns: '',
          type: 'anyType',
          min: 0,
          max: occurs(node.$maxOccurs, 1) === 1 && !ctx.repeated ? 1 : 'unbounded',
          nillable: false,
        });
        return;
      }
      case 'attribute':
        out.push(this.attributeField(node, ctx));
        return;
      case 'attributeGroup':
        this.skipped.add(
          `attributeGroup ${node.$ref ?? node.$name} in ${ctx.where} (its attributes are not typed)`,
        );
        return;
      default:
        return; // annotation, anyAttribute, identity constraints: nothing to write or read
    }
  }

  elementField(node, ctx) {
    let min = Number(node.$minOccurs ?? 1);
    let max = occurs(node.$maxOccurs, 1);
    if (ctx.optional) min = 0;
    if (ctx.repeated && max !== 'unbounded') max = 'unbounded';
    if (node.$ref) {
      const { ns, local } = this.resolve(node.$ref, node, ctx.tns);
      // ASMX DataSets: <s:element ref="s:schema"/> carries an inline schema, opaque to us.
      if (isXsdNamespace(ns))
        return { kind: 'element', name: local, ns, type: 'anyType', min, max, nillable: false };
      const decl = this.element(ns, local, ctx.where);
      return { kind: 'element', name: local, ns, type: decl.type, min, max, nillable: decl.nillable };
    }
    const name = node.$name;
    if (!name) throw new Unsupported('an element without name or ref', ctx.where);
    const form = node.$form ?? this.schema(ctx.tns)?.$elementFormDefault;
    const ns = form === 'qualified' ? (ctx.tns ?? '') : '';
    const hint = `${ctx.hint}${name[0].toUpperCase()}${name.slice(1)}`;
    const type = this.elementType(node, ctx.tns, `${ctx.key}/${name}`, hint, `${ctx.where}, element ${name}`);
    return { kind: 'element', name, ns, type, min, max, nillable: node.$nillable === 'true' };
  }

  attributeField(node, ctx) {
    let name = node.$name;
    let ns = '';
    if (node.$ref) {
      const ref = this.resolve(node.$ref, node, ctx.tns);
      name = ref.local;
      ns = ref.ns;
    } else {
      const form = node.$form ?? this.schema(ctx.tns)?.$attributeFormDefault;
      if (form === 'qualified') ns = ctx.tns ?? '';
    }
    let type = 'string';
    if (node.$type) type = this.typeRef(node.$type, node, ctx.tns, `${ctx.where}, attribute ${name}`);
    else {
      const anon = kids(node).find((c) => c.name === 'simpleType');
      if (anon) {
        const key = `${ctx.key}/@${name}`;
        if (!this.types.has(key))
          this.types.set(
            key,
            this.buildSimple(
              key,
              ctx.tns,
              name,
              `${ctx.hint}${name[0].toUpperCase()}${name.slice(1)}`,
              anon,
              ctx.tns,
              true,
            ),
          );
        type = { key };
      }
    }
    if (type === 'anyType' || (typeof type === 'object' && this.types.get(type.key).kind !== 'simple'))
      type = 'string';
    return {
      kind: 'attribute',
      name,
      ns,
      type,
      min: node.$use === 'required' ? 1 : 0,
      max: 1,
      nillable: false,
    };
  }

  /** Fields of a complex type, inherited first (the runtime never walks a hierarchy). */
  flat(key, seen = new Set()) {
    const type = this.types.get(key);
    if (type.flat) return type.flat;
    if (seen.has(key)) throw new Unsupported('circular type derivation', `complexType ${key}`);
    seen.add(key);
    const inherited = type.base ? this.flat(type.base, seen) : [];
    const fields = [...inherited];
    for (const f of type.own) {
      if ((f.kind === 'text' || f.kind === 'any') && fields.some((g) => g.kind === f.kind)) continue;
      fields.push(f);
    }
    type.flat = fields;
    return fields;
  }

  /** Types deriving from `key` (for xsi:type on read): all modelled complex types with it as an ancestor. */
  subtypesOf(key) {
    const out = [];
    for (const t of this.types.values()) {
      if (t.kind !== 'complex' || t.anonymous) continue;
      for (let b = t.base; b; b = this.types.get(b)?.base) {
        if (b === key) {
          out.push(t.key);
          break;
        }
      }
    }
    return out.sort();
  }

  /** Models every named complex type of every schema, so subtypes are known for xsi:type. */
  loadAllNamedTypes() {
    for (const [ns, schema] of Object.entries(this.definitions.schemas)) {
      const n = ns === 'undefined' ? '' : ns;
      for (const local of Object.keys(schema.complexTypes)) {
        try {
          this.namedType(n, local, `complexType ${keyOf(n, local)}`);
        } catch {
          // unsupported types are refused where an operation reaches them
        }
      }
    }
  }
}

function textField(type) {
  return { kind: 'text', name: '$value', ns: '', type, min: 0, max: 1, nillable: false };
}
