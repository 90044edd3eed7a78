/**
 * Deterministic synthetic purchase lines (indkøbsdata) for the demo seed and for benchmarks.
 * Pure: no I/O, no Math.random. The same world, seed, quarter and counts always give the same lines.
 *
 * What the lines look like:
 * - amounts are integer øre (bigint), log-normally spread around each category's typical amount
 *   (many small lines, a long tail of large ones);
 * - when the institution can use an agreement for the category on the purchase date (tier 1 first,
 *   then tier 2, then its own), a share of its purchases (its `agreementUse`) goes to that agreement's
 *   suppliers; the rest "leaks" to suppliers outside the agreement;
 * - about 10 % of the lines carry no category (it must be derived from the supplier's mapping);
 * - about 3 % have no supplier CVR (foreign suppliers, personal outlays);
 * - about 40 % are flagged as e-commerce, more often on agreements with e-commerce;
 * - the purchase date lies inside the quarter, and the ministry is the institution's ministry on that
 *   date (memberships are respected).
 * Lines are produced lazily, so any number can be streamed without holding them in memory.
 */
import type { AgreementKind } from "../generated/prisma/enums";

// ---------------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------------

/** mulberry32: a small, fast, seedable 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of the parts, to derive independent seeds per institution and quarter. */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.join("\u001f");
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Quarters
// ---------------------------------------------------------------------------------------------

export type QuarterInfo = { quarter: string; year: number; q: number; start: string; end: string; days: string[] };

const QUARTER_RE = /^(\d{4})Q([1-4])$/;

export function isQuarter(value: string): boolean {
  return QUARTER_RE.test(value);
}

/** The days of a quarter such as "2026Q3" as ISO date strings. */
export function quarterInfo(quarter: string): QuarterInfo {
  const m = QUARTER_RE.exec(quarter);
  if (!m) throw new Error(`Not a quarter: ${quarter} (expected e.g. 2026Q3)`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  const days: string[] = [];
  const d = new Date(Date.UTC(year, (q - 1) * 3, 1));
  while (d.getUTCMonth() < q * 3 && d.getUTCFullYear() === year) {
    days.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return { quarter, year, q, start: days[0]!, end: days[days.length - 1]!, days };
}

// ---------------------------------------------------------------------------------------------
// The world the lines are drawn from
// ---------------------------------------------------------------------------------------------

export type GeneratorMembership = { ministryId: number; validFrom: string; validTo: string | null };

export type GeneratorInstitution = {
  id: number;
  /** Relative purchasing volume: lines are allocated in proportion to it. */
  size: number;
  /** Share (0..1) of purchases placed with a usable agreement's suppliers. */
  agreementUse: number;
  eans: readonly string[];
  /** Ministry periods, `validTo` inclusive. The line's ministry is the one covering its date. */
  memberships: readonly GeneratorMembership[];
  /** Agreements the institution may buy on: party to it, and enrolled where the phase requires it. */
  usableAgreementIds: ReadonlySet<number>;
};

export type GeneratorSupplier = { cvr: string; name: string; categoryCode: string | null };

export type GeneratorAgreement = {
  id: number;
  kind: AgreementKind;
  validFrom: string;
  /** Inclusive. */
  validTo: string;
  categoryCodes: readonly string[];
  supplierCvrs: readonly string[];
  ecommerce: boolean;
};

export type GeneratorCategory = { code: string; lineWeight: number; typicalAmountKr: number };

export type GeneratorWorld = {
  institutions: readonly GeneratorInstitution[];
  suppliers: readonly GeneratorSupplier[];
  agreements: readonly GeneratorAgreement[];
  categories: readonly GeneratorCategory[];
};

/** One generated line; the caller adds the submission it belongs to. */
export type GeneratedPurchaseLine = {
  institutionId: number;
  ministryId: number;
  quarter: string;
  purchaseDate: string;
  supplierCvr: string | null;
  supplierName: string;
  categoryCode: string | null;
  amountOre: bigint;
  ecommerce: boolean;
  ean: string | null;
};

export const GENERATOR_RATES = {
  /** Lines without a supplier CVR (foreign suppliers, personal outlays). */
  noCvr: 0.03,
  /** Lines without a category of their own. */
  noCategory: 0.1,
  /** Lines without an EAN location. */
  noEan: 0.05,
  /** E-commerce probability: on an e-commerce agreement, on another agreement, outside agreements. */
  ecommerceOnEcommerceAgreement: 0.78,
  ecommerceOnOtherAgreement: 0.3,
  ecommerceOffAgreement: 0.22,
  ecommerceNoCvr: 0.05,
  /** Spread of the log-normal amount distribution (natural log units). */
  amountSigma: 1.05,
} as const;

const NO_CVR_NAMES = [
  "Personligt udlæg",
  "Udlæg – rejseafregning",
  "Nordic Demo Supplies GmbH",
  "Hotel Demo Berlin GmbH",
  "Demo Conference Services Ltd",
  "Fornebu Demo Konferanse AS",
];

const TIER: Record<AgreementKind, number> = { MANDATORY_CENTRAL: 1, VOLUNTARY_CENTRAL: 2, VOLUNTARY_SKI: 2, OWN: 3 };

type CompiledCategory = {
  code: string;
  typicalOre: number;
  suppliers: GeneratorSupplier[];
  /** Agreements covering the category, in cascade order (tier, then id). */
  agreements: { agreement: GeneratorAgreement; suppliers: GeneratorSupplier[]; others: GeneratorSupplier[] }[];
};

/**
 * Splits `total` lines over the institutions in proportion to their size (largest remainder, ties
 * by position), so the counts add up exactly. Returns counts in the institutions' order.
 */
export function allocateLines(institutions: readonly { size: number }[], total: number): number[] {
  if (!Number.isInteger(total) || total < 0) throw new Error(`Line count must be a non-negative integer: ${total}`);
  const weights = institutions.map((i) => Math.max(0, i.size));
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return institutions.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let rest = total - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) counts[order[k]!.i]! += 1;
  return counts;
}

/** A compiled world that yields lines; build it once per world. */
export class PurchaseLineGenerator {
  private readonly categories: CompiledCategory[];
  private readonly baseWeights: number[];

  constructor(
    readonly world: GeneratorWorld,
    readonly seed = 20261122,
  ) {
    const byCvr = new Map(world.suppliers.map((s) => [s.cvr, s]));
    this.categories = world.categories.map((c) => {
      const suppliers = world.suppliers.filter((s) => s.categoryCode === c.code);
      const agreements = world.agreements
        .filter((a) => a.categoryCodes.includes(c.code))
        .sort((a, b) => TIER[a.kind] - TIER[b.kind] || a.id - b.id)
        .map((agreement) => {
          const onAgreement = agreement.supplierCvrs.map((cvr) => byCvr.get(cvr)).filter((s): s is GeneratorSupplier => !!s);
          const onSet = new Set(agreement.supplierCvrs);
          const others = suppliers.filter((s) => !onSet.has(s.cvr));
          return { agreement, suppliers: onAgreement, others };
        })
        .filter((a) => a.suppliers.length > 0);
      return { code: c.code, typicalOre: Math.round(c.typicalAmountKr * 100), suppliers, agreements };
    });
    this.baseWeights = world.categories.map((c) => Math.max(0, c.lineWeight));
    if (this.categories.length === 0) throw new Error("The generator needs at least one category");
  }

  /**
   * Lines for one institution in one quarter. `stream` distinguishes several independent batches for
   * the same institution and quarter (e.g. repeated benchmark runs); `count` may be any size, lines
   * are yielded one at a time.
   */
  *linesFor(institution: GeneratorInstitution, quarter: string, count: number, stream = 0): Generator<GeneratedPurchaseLine> {
    const info = quarterInfo(quarter);
    const rng = mulberry32(hashSeed(this.seed, institution.id, quarter, stream));

    // Each institution buys a little differently: jitter the category mix per institution (not per quarter).
    const mixRng = mulberry32(hashSeed(this.seed, "mix", institution.id));
    const cumulative: number[] = [];
    let acc = 0;
    for (const w of this.baseWeights) {
      acc += w * (0.4 + 1.2 * mixRng());
      cumulative.push(acc);
    }
    const totalWeight = acc;

    // The ministry on every day of the quarter.
    const ministryByDay = info.days.map((day) => {
      const m = institution.memberships.find((p) => p.validFrom <= day && (p.validTo === null || day <= p.validTo));
      if (!m) throw new Error(`Institution ${institution.id} has no ministry membership on ${day}`);
      return m.ministryId;
    });

    const eans = institution.eans;
    const rates = GENERATOR_RATES;
    let spare: number | null = null;
    const normal = (): number => {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = 0;
      while (u === 0) u = rng();
      const v = rng();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    };

    for (let n = 0; n < count; n++) {
      const dayIndex = Math.floor(rng() * info.days.length);
      const purchaseDate = info.days[dayIndex]!;
      const ministryId = ministryByDay[dayIndex]!;

      // Category by weight (binary search in the cumulative weights).
      const target = rng() * totalWeight;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! > target) hi = mid;
        else lo = mid + 1;
      }
      const category = this.categories[lo]!;

      // Log-normal amount around the category's typical amount, at least 10 kr.
      const factor = Math.exp(rates.amountSigma * normal());
      const amountOre = BigInt(Math.max(1000, Math.round(category.typicalOre * Math.min(factor, 400))));
      const ean = eans.length > 0 && rng() >= rates.noEan ? eans[Math.floor(rng() * eans.length)]! : null;

      if (rng() < rates.noCvr || category.suppliers.length === 0) {
        yield {
          institutionId: institution.id,
          ministryId,
          quarter,
          purchaseDate,
          supplierCvr: null,
          supplierName: NO_CVR_NAMES[Math.floor(rng() * NO_CVR_NAMES.length)]!,
          categoryCode: category.code,
          amountOre,
          ecommerce: rng() < rates.ecommerceNoCvr,
          ean,
        };
        continue;
      }

      // The first usable agreement in cascade order on the purchase date.
      let usable: CompiledCategory["agreements"][number] | undefined;
      for (const candidate of category.agreements) {
        const a = candidate.agreement;
        if (a.validFrom <= purchaseDate && purchaseDate <= a.validTo && institution.usableAgreementIds.has(a.id)) {
          usable = candidate;
          break;
        }
      }

      let supplier: GeneratorSupplier;
      let ecommerceRate: number;
      if (usable && rng() < institution.agreementUse) {
        supplier = usable.suppliers[Math.floor(rng() * usable.suppliers.length)]!;
        ecommerceRate = usable.agreement.ecommerce ? rates.ecommerceOnEcommerceAgreement : rates.ecommerceOnOtherAgreement;
      } else {
        const pool = usable && usable.others.length > 0 ? usable.others : category.suppliers;
        supplier = pool[Math.floor(rng() * pool.length)]!;
        ecommerceRate = rates.ecommerceOffAgreement;
      }
      // Leave the category out only where the supplier's mapping gives it back.
      const dropCategory = supplier.categoryCode === category.code && rng() < rates.noCategory / (1 - rates.noCvr);

      yield {
        institutionId: institution.id,
        ministryId,
        quarter,
        purchaseDate,
        supplierCvr: supplier.cvr,
        supplierName: supplier.name,
        categoryCode: dropCategory ? null : category.code,
        amountOre,
        ecommerce: rng() < ecommerceRate,
        ean,
      };
    }
  }

  /**
   * All lines for the given quarters: per quarter, `linesPerQuarter` split over the institutions by
   * size; yields in quarter, then institution order.
   */
  *generate(options: { quarters: readonly string[]; linesPerQuarter: number; stream?: number }): Generator<GeneratedPurchaseLine> {
    const counts = allocateLines(this.world.institutions, options.linesPerQuarter);
    for (const quarter of options.quarters) {
      for (let i = 0; i < this.world.institutions.length; i++) {
        yield* this.linesFor(this.world.institutions[i]!, quarter, counts[i]!, options.stream ?? 0);
      }
    }
  }
}

/** Convenience: the lines of `new PurchaseLineGenerator(world, seed).generate(options)`. */
export function generatePurchaseLines(
  world: GeneratorWorld,
  options: { quarters: readonly string[]; linesPerQuarter: number; seed?: number; stream?: number },
): Generator<GeneratedPurchaseLine> {
  return new PurchaseLineGenerator(world, options.seed).generate(options);
}
