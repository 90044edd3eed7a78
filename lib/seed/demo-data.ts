/**
 * The demo data set: pure data, no I/O. lib/seed/seed.ts writes it; the README, the log-in page and
 * the browser tests read DEMO_LOGINS and DEMO_PASSWORD from here.
 *
 * Everything is fictitious: the CVR numbers are computed (valid modulus 11, but invented), the EAN
 * location numbers are computed (valid GS1 check digit, invented), suppliers carry "Demo" in their
 * names, and the people are made up. Ministry and public-body names are the real ones, for realism.
 *
 * Dates are ISO "YYYY-MM-DD" strings. Periods (memberships, agreement validity) include both ends:
 * `validTo` is the last day of the period.
 */
import type {
  AgreementKind,
  CustomerType,
  DataChannel,
  EnrolmentStatus,
  InstitutionKind,
  PartySource,
  RequestStatus,
  Role,
} from "../generated/prisma/enums";
import { eanWithCheck, fictitiousCvrs } from "../domain/identifiers";

// ---------------------------------------------------------------------------------------------
// Time frame
// ---------------------------------------------------------------------------------------------

/** The quarters the demo has purchase data for (four full quarters before the current one). */
export const DATA_QUARTERS = ["2025Q4", "2026Q1", "2026Q2", "2026Q3"] as const;
/** The quarter the demo's "today" falls in (no purchase data yet). */
export const CURRENT_QUARTER = "2026Q4";

// ---------------------------------------------------------------------------------------------
// Log-ins
// ---------------------------------------------------------------------------------------------

/** The password of every demo user. Stored as a bcryptjs hash (cost 10) by the seed. */
export const DEMO_PASSWORD = "sip-demo-2026";
export const DEMO_BCRYPT_COST = 10;

export type DemoLogin = { email: string; role: Role; description: string };

/** The log-ins to show on the log-in page and in the README, and to use in browser tests. */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  {
    email: "admin@demo.example.dk",
    role: "ADMIN",
    description: "Administrator i Statens Indkøb: aftaler, faser, kategorier, leverandører, frister og alle ministerier",
  },
  {
    email: "koeber.stat@demo.example.dk",
    role: "BUYER",
    description: "Indkøber i Økonomistyrelsen (Finansministeriet) – forpligtet kunde, indsender data manuelt",
  },
  {
    email: "koeber.kommune@demo.example.dk",
    role: "BUYER",
    description: "Indkøber i Aarhus Kommune – frivillig kunde med tilmeldinger og anmodning om næste fase",
  },
  {
    email: "koncernindkoeber@demo.example.dk",
    role: "GROUP_BUYER",
    description: "Koncernindkøber for Finansministeriets område",
  },
  {
    email: "analytiker@demo.example.dk",
    role: "MINISTRY_ANALYST",
    description: "Analytiker i Finansministeriet – compliance og e-handel for ministerområdet",
  },
  {
    email: "analytiker.skm@demo.example.dk",
    role: "MINISTRY_ANALYST",
    description: "Analytiker i Skatteministeriet – compliance og e-handel for ministerområdet",
  },
  {
    email: "leverandoer@demo.example.dk",
    role: "SUPPLIER",
    description: "Leverandør: Datagrej Demo A/S – ser kun de aftaler, virksomheden er part i (bl.a. Computeraftalen)",
  },
  {
    email: "leverandoer2@demo.example.dk",
    role: "SUPPLIER",
    description: "Leverandør: Strømkilden Demo A/S – en anden leverandør (Elektricitet), til kontrol af adskillelsen",
  },
];

// ---------------------------------------------------------------------------------------------
// Ministries
// ---------------------------------------------------------------------------------------------

export type DemoMinistry = { code: string; name: string };

/** Ministry #1 (FM) and #2 (SKM) are the ones the demo log-ins belong to. */
export const DEMO_MINISTRIES: readonly DemoMinistry[] = [
  { code: "FM", name: "Finansministeriet" },
  { code: "SKM", name: "Skatteministeriet" },
  { code: "JM", name: "Justitsministeriet" },
  { code: "FMN", name: "Forsvarsministeriet" },
  { code: "BUVM", name: "Børne- og Undervisningsministeriet" },
  { code: "UFM", name: "Uddannelses- og Forskningsministeriet" },
  { code: "ISM", name: "Indenrigs- og Sundhedsministeriet" },
  { code: "KUM", name: "Kulturministeriet" },
  { code: "UM", name: "Udenrigsministeriet" },
  { code: "EM", name: "Erhvervsministeriet" },
  { code: "STM", name: "Statsministeriet" },
  { code: "DIGM", name: "Digitaliseringsministeriet" },
];

// ---------------------------------------------------------------------------------------------
// Institutions
// ---------------------------------------------------------------------------------------------

export type DemoMembership = {
  ministryCode: string;
  customerType: CustomerType;
  validFrom: string;
  /** Last day of the period (inclusive); null while it lasts. */
  validTo: string | null;
};

export type DemoEanLocation = {
  ean: string;
  name: string;
  accountingInstitution: string;
  bookingCircle: string;
};

export type DemoInstitution = {
  /** Stable handle used by the rest of this file and by tests. */
  key: string;
  cvr: string;
  name: string;
  kind: InstitutionKind;
  customerType: CustomerType;
  dataChannel: DataChannel;
  /** The current ministry area. */
  ministryCode: string;
  address: string;
  memberships: DemoMembership[];
  eanLocations: DemoEanLocation[];
  /** Generator only: relative purchasing volume (number of purchase lines). */
  size: number;
  /** Generator only: the share of purchases put on a usable agreement's suppliers. */
  agreementUse: number;
};

/** Where the data history starts for everyone. */
const MEMBERSHIP_START = "2015-01-01";

/** The institution that changes ministry inside the data period, and when. */
export const MOVED_INSTITUTION = {
  key: "digst",
  fromMinistryCode: "FM",
  toMinistryCode: "DIGM",
  /** First day in the new ministry; the old membership ends the day before. */
  movedOn: "2026-02-01",
} as const;

type InstitutionRow = [
  key: string,
  name: string,
  kind: InstitutionKind,
  channel: DataChannel,
  ministryCode: string,
  address: string,
  size: number,
  agreementUse: number,
  locations: string[],
];

const S = "STATE_INSTITUTION" as const;

// Obligated state institutions first, then the voluntary customers of every kind the source page lists.
const INSTITUTION_ROWS: InstitutionRow[] = [
  // Finansministeriet
  ["fm-dep", "Finansministeriets departement", S, "SKS", "FM", "Christiansborg Slotsplads 1, 1218 København K", 3, 0.92, ["Departementet"]],
  ["oes", "Økonomistyrelsen", S, "MANUAL", "FM", "Landgreven 4, 1301 København K", 5, 0.86, ["Hovedadresse", "Lønservice"]],
  ["statens-it", "Statens It", S, "SKS", "FM", "Lyngbyvej 32, 2100 København Ø", 8, 0.9, ["Hovedadresse", "Driftscenter Ballerup", "Servicedesk"]],
  ["sam", "Statens Administration", S, "SKS", "FM", "Jernbanegade 4, 4700 Næstved", 4, 0.82, ["Næstved", "Hillerød"]],
  ["digst", "Digitaliseringsstyrelsen", S, "MANUAL", "DIGM", "Landgreven 4, 1301 København K", 4, 0.72, ["Hovedadresse"]],
  // Skatteministeriet
  ["skm-dep", "Skatteministeriets departement", S, "SKS", "SKM", "Nicolai Eigtveds Gade 28, 1402 København K", 2, 0.9, ["Departementet"]],
  ["skst", "Skattestyrelsen", S, "SKS", "SKM", "Sluseholmen 8B, 2450 København SV", 9, 0.84, ["Sluseholmen", "Ringkøbing", "Aalborg"]],
  ["toldst", "Toldstyrelsen", S, "MANUAL", "SKM", "Vestergade 1, 6800 Varde", 4, 0.74, ["Varde", "Padborg"]],
  ["motorst", "Motorstyrelsen", S, "MANUAL", "SKM", "Helgeshøj Allé 9, 2630 Taastrup", 3, 0.68, ["Taastrup"]],
  ["gaeldst", "Gældsstyrelsen", S, "SKS", "SKM", "Nykøbing Bycenter 24, 4800 Nykøbing F", 3, 0.8, ["Nykøbing F"]],
  // Justitsministeriet
  ["rigspol", "Rigspolitiet", S, "SKS", "JM", "Polititorvet 14, 1780 København V", 10, 0.8, ["Polititorvet", "Politiskolen", "Nationalt Udlændingecenter"]],
  ["kriminalforsorgen", "Kriminalforsorgen", S, "SKS", "JM", "Strandgade 100, 1401 København K", 8, 0.76, ["Direktoratet", "Område Midt- og Nordjylland"]],
  ["domstolsst", "Domstolsstyrelsen", S, "MANUAL", "JM", "Store Kongensgade 1-3, 1264 København K", 5, 0.8, ["Hovedadresse", "Retterne"]],
  ["anklagemyndigheden", "Anklagemyndigheden", S, "MANUAL", "JM", "Frederiksholms Kanal 16, 1220 København K", 3, 0.66, ["Rigsadvokaten"]],
  // Forsvarsministeriet
  ["fmi", "Forsvarsministeriets Materiel- og Indkøbsstyrelse", S, "SKS", "FMN", "Lautrupbjerg 1-5, 2750 Ballerup", 10, 0.86, ["Ballerup", "Hjørring", "Karup"]],
  ["fes", "Forsvarsministeriets Ejendomsstyrelse", S, "SKS", "FMN", "Arsenalvej 55, 9800 Hjørring", 6, 0.8, ["Hjørring", "Holstebro"]],
  ["hjv", "Hjemmeværnet", S, "MANUAL", "FMN", "Kastellet 82, 2100 København Ø", 3, 0.6, ["Hjemmeværnskommandoen"]],
  // Børne- og Undervisningsministeriet
  ["stuk", "Styrelsen for Undervisning og Kvalitet", S, "SKS", "BUVM", "Frederiksholms Kanal 26, 1220 København K", 3, 0.86, ["Hovedadresse"]],
  ["stil", "Styrelsen for It og Læring", S, "SKS", "BUVM", "Vester Voldgade 123, 1552 København V", 3, 0.84, ["Hovedadresse", "Odense"]],
  // Uddannelses- og Forskningsministeriet
  ["ufs", "Uddannelses- og Forskningsstyrelsen", S, "SKS", "UFM", "Haraldsgade 53, 2100 København Ø", 4, 0.82, ["Hovedadresse"]],
  // Indenrigs- og Sundhedsministeriet
  ["sst", "Sundhedsstyrelsen", S, "SKS", "ISM", "Islands Brygge 67, 2300 København S", 4, 0.84, ["Hovedadresse"]],
  ["ssi", "Statens Serum Institut", S, "MANUAL", "ISM", "Artillerivej 5, 2300 København S", 7, 0.7, ["Artillerivej", "Laboratorierne", "Lager"]],
  // Kulturministeriet
  ["slks", "Slots- og Kulturstyrelsen", S, "SKS", "KUM", "Hammerichsgade 14, 1611 København V", 5, 0.78, ["Hovedadresse", "Slotsforvaltningen"]],
  // Udenrigsministeriet
  ["um-dep", "Udenrigsministeriets departement", S, "SKS", "UM", "Asiatisk Plads 2, 1448 København K", 6, 0.82, ["Asiatisk Plads", "Repræsentationerne"]],
  // Erhvervsministeriet
  ["erst", "Erhvervsstyrelsen", S, "SKS", "EM", "Langelinie Allé 17, 2100 København Ø", 4, 0.84, ["Hovedadresse", "Silkeborg"]],

  // Voluntary customers. Municipalities and regions sit in the Indenrigs- og Sundhedsministeriet area.
  ["kk", "Københavns Kommune", "MUNICIPALITY", "MANUAL", "ISM", "Rådhuspladsen 1, 1550 København V", 8, 0.6, ["Rådhuset", "Økonomiforvaltningen", "Børne- og Ungdomsforvaltningen"]],
  ["aak", "Aarhus Kommune", "MUNICIPALITY", "MANUAL", "ISM", "Rådhuspladsen 2, 8000 Aarhus C", 7, 0.64, ["Rådhuset", "Sundhed og Omsorg"]],
  ["aalk", "Aalborg Kommune", "MUNICIPALITY", "MANUAL", "ISM", "Boulevarden 13, 9000 Aalborg", 5, 0.5, ["Rådhuset"]],
  ["aeroe", "Ærø Kommune", "MUNICIPALITY", "MANUAL", "ISM", "Statene 2, 5970 Ærøskøbing", 1, 0.3, ["Rådhuset"]],
  ["rh", "Region Hovedstaden", "REGION", "MANUAL", "ISM", "Kongens Vænge 2, 3400 Hillerød", 7, 0.56, ["Regionsgården", "Koncern Indkøb"]],
  ["rm", "Region Midtjylland", "REGION", "MANUAL", "ISM", "Skottenborg 26, 8800 Viborg", 6, 0.54, ["Regionshuset Viborg"]],
  ["ft", "Folketinget", "FOLKETINGET", "MANUAL", "STM", "Christiansborg, 1240 København K", 3, 0.8, ["Christiansborg"]],
  ["nb", "Danmarks Nationalbank", "NATIONAL_BANK", "MANUAL", "EM", "Langelinie Allé 47, 2100 København Ø", 3, 0.72, ["Hovedadresse"]],
  ["diis", "Dansk Institut for Internationale Studier", "DIIS", "MANUAL", "UM", "Gl. Kalkbrænderi Vej 51A, 2100 København Ø", 1, 0.62, ["Hovedadresse"]],
  ["imr", "Institut for Menneskerettigheder", "HUMAN_RIGHTS_INSTITUTE", "MANUAL", "JM", "Wilders Plads 8K, 1403 København K", 1, 0.62, ["Hovedadresse"]],
  ["gl", "Grønlands Selvstyre", "GREENLAND_SELF_GOVERNMENT", "MANUAL", "STM", "Imaneq 4, 3900 Nuuk", 4, 0.4, ["Nuuk", "Repræsentationen i København"]],
  ["fo", "Færøernes Hjemmestyre", "FAROE_HOME_RULE", "MANUAL", "STM", "Tinganes, 100 Tórshavn", 3, 0.42, ["Tórshavn"]],
  ["sel-kunst", "Demo Kunstmuseum Aabenraa (selvejende institution)", "SELF_GOVERNING_INSTITUTION", "MANUAL", "KUM", "H.P. Hanssens Gade 10, 6200 Aabenraa", 1, 0.6, ["Museet"]],
  ["sel-natur", "Øresunds Demo Naturcenter (selvejende institution)", "SELF_GOVERNING_INSTITUTION", "MANUAL", "KUM", "Strandvejen 200, 2920 Charlottenlund", 1, 0.55, ["Naturcentret"]],
  ["sel-skole", "Efterskolen Demo Ådalen (selvejende institution)", "SELF_GOVERNING_INSTITUTION", "MANUAL", "BUVM", "Ådalsvej 3, 7500 Holstebro", 1, 0.5, ["Skolen"]],
];

const INSTITUTION_CVRS = fictitiousCvrs(INSTITUTION_ROWS.length, 2_987_000, 131);

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

export const DEMO_INSTITUTIONS: readonly DemoInstitution[] = INSTITUTION_ROWS.map((row, index) => {
  const [key, name, kind, channel, ministryCode, address, size, agreementUse, locations] = row;
  const customerType: CustomerType = kind === "STATE_INSTITUTION" ? "OBLIGATED" : "VOLUNTARY";
  const memberships: DemoMembership[] =
    key === MOVED_INSTITUTION.key
      ? [
          {
            ministryCode: MOVED_INSTITUTION.fromMinistryCode,
            customerType,
            validFrom: MEMBERSHIP_START,
            validTo: "2026-01-31",
          },
          { ministryCode: MOVED_INSTITUTION.toMinistryCode, customerType, validFrom: MOVED_INSTITUTION.movedOn, validTo: null },
        ]
      : [{ ministryCode, customerType, validFrom: MEMBERSHIP_START, validTo: null }];
  // Fictitious GLNs in the Danish GS1 range: 579899 + institution (3 digits) + location (3 digits) + check.
  const eanLocations = locations.map((locationName, li) => ({
    ean: eanWithCheck(`579899${pad(index + 1, 3)}${pad(li + 1, 3)}`),
    name: locationName,
    accountingInstitution: li === 0 || locations.length < 3 ? name : `${name}, ${locationName}`,
    bookingCircle: `BK ${pad(1000 + index * 10 + li, 4)}`,
  }));
  return {
    key,
    cvr: INSTITUTION_CVRS[index]!,
    name,
    kind,
    customerType,
    dataChannel: channel,
    ministryCode,
    address,
    memberships,
    eanLocations,
    size,
    agreementUse,
  };
});

// ---------------------------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------------------------

export type DemoCategory = {
  code: string;
  name: string;
  hasMandatoryAgreements: boolean;
  /** Generator only: relative number of purchase lines in the category. */
  lineWeight: number;
  /** Generator only: median amount of one line, in whole kroner excluding VAT. */
  typicalAmountKr: number;
};

export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  { code: "1130", name: "Naturgas", hasMandatoryAgreements: false, lineWeight: 1, typicalAmountKr: 38_000 },
  { code: "1150", name: "Elektricitet", hasMandatoryAgreements: true, lineWeight: 2, typicalAmountKr: 45_000 },
  { code: "1170", name: "Vand", hasMandatoryAgreements: false, lineWeight: 1, typicalAmountKr: 12_000 },
  { code: "1190", name: "Varme", hasMandatoryAgreements: false, lineWeight: 1.5, typicalAmountKr: 35_000 },
  { code: "1210", name: "Rengørings- og forbrugsartikler", hasMandatoryAgreements: true, lineWeight: 7, typicalAmountKr: 1_600 },
  { code: "1300", name: "Laboratorie", hasMandatoryAgreements: false, lineWeight: 2, typicalAmountKr: 6_500 },
  { code: "1410", name: "IT-hardware (computere og skærme)", hasMandatoryAgreements: true, lineWeight: 6, typicalAmountKr: 9_000 },
  { code: "1420", name: "Printere og multifunktionsmaskiner", hasMandatoryAgreements: true, lineWeight: 3, typicalAmountKr: 4_200 },
  { code: "1430", name: "Netværkskomponenter", hasMandatoryAgreements: true, lineWeight: 2, typicalAmountKr: 16_000 },
  { code: "1440", name: "Software og licenser", hasMandatoryAgreements: true, lineWeight: 3, typicalAmountKr: 22_000 },
  { code: "1510", name: "Mobiltelefoni", hasMandatoryAgreements: true, lineWeight: 3, typicalAmountKr: 2_600 },
  { code: "1520", name: "Fastnettelefoni", hasMandatoryAgreements: true, lineWeight: 1, typicalAmountKr: 3_100 },
  { code: "1610", name: "Flyrejser", hasMandatoryAgreements: true, lineWeight: 5, typicalAmountKr: 3_800 },
  { code: "1620", name: "Hotelophold", hasMandatoryAgreements: true, lineWeight: 5, typicalAmountKr: 1_900 },
  { code: "1630", name: "Konferencer og mødefaciliteter", hasMandatoryAgreements: true, lineWeight: 2, typicalAmountKr: 24_000 },
  { code: "1640", name: "Rejsebureauydelser", hasMandatoryAgreements: true, lineWeight: 3, typicalAmountKr: 450 },
  { code: "1710", name: "Flytteydelser", hasMandatoryAgreements: true, lineWeight: 1, typicalAmountKr: 30_000 },
  { code: "1720", name: "Kontormøbler", hasMandatoryAgreements: true, lineWeight: 2, typicalAmountKr: 8_500 },
  { code: "1730", name: "Sikringsanlæg (AIA/ADK)", hasMandatoryAgreements: true, lineWeight: 1, typicalAmountKr: 19_000 },
  { code: "1740", name: "Kontrolcentral og alarmovervågning", hasMandatoryAgreements: true, lineWeight: 1, typicalAmountKr: 5_200 },
  { code: "1810", name: "Brændstof", hasMandatoryAgreements: true, lineWeight: 4, typicalAmountKr: 1_300 },
  { code: "1820", name: "Fødevarer", hasMandatoryAgreements: false, lineWeight: 4, typicalAmountKr: 3_200 },
  { code: "1830", name: "It-konsulentydelser", hasMandatoryAgreements: false, lineWeight: 2, typicalAmountKr: 85_000 },
  { code: "1840", name: "Vikarydelser", hasMandatoryAgreements: false, lineWeight: 1.5, typicalAmountKr: 16_000 },
  { code: "1850", name: "Tryksager og kuvertering", hasMandatoryAgreements: false, lineWeight: 1.5, typicalAmountKr: 9_500 },
  { code: "1860", name: "Beklædning og uniformer", hasMandatoryAgreements: false, lineWeight: 1.5, typicalAmountKr: 4_100 },
  { code: "1870", name: "Bygningsvedligeholdelse", hasMandatoryAgreements: false, lineWeight: 2, typicalAmountKr: 26_000 },
  { code: "1920", name: "Kontorartikler", hasMandatoryAgreements: true, lineWeight: 9, typicalAmountKr: 850 },
];

// ---------------------------------------------------------------------------------------------
// Phases
// ---------------------------------------------------------------------------------------------

export type DemoPhase = { number: number; name: string; tenderYear: number; effectiveDate: string; closed: boolean };

/** Phase n was tendered in 2005 + n and took effect 1 January the year after (phase 11: 2016 / 2017-01-01). */
export const DEMO_PHASES: readonly DemoPhase[] = [8, 9, 10, 11, 12].map((number) => ({
  number,
  name: `${number}. fase`,
  tenderYear: 2005 + number,
  effectiveDate: `${2006 + number}-01-01`,
  closed: number <= 10,
}));

// ---------------------------------------------------------------------------------------------
// Suppliers
// ---------------------------------------------------------------------------------------------

export type DemoSupplier = { key: string; cvr: string; name: string; categoryCode: string };

const SUPPLIER_ROWS: [key: string, name: string, categoryCode: string][] = [
  ["gas-1", "Gasnettet Demo A/S", "1130"],
  ["gas-2", "Biogas Demo Fyn ApS", "1130"],
  ["el-1", "Strømkilden Demo A/S", "1150"],
  ["el-2", "Vindkraft Demo El ApS", "1150"],
  ["vand-1", "Vandværket Demo Forsyning A/S", "1170"],
  ["varme-1", "Fjernvarme Demo Hovedstaden A/S", "1190"],
  ["varme-2", "Varmeværket Demo Østjylland A/S", "1190"],
  ["rengoering-1", "Rengøringsgrossisten Demo A/S", "1210"],
  ["rengoering-2", "Pudsegrej Demo ApS", "1210"],
  ["rengoering-3", "Sæbehuset Demo ApS", "1210"],
  ["lab-1", "Laboratoriehuset Demo A/S", "1300"],
  ["lab-2", "Pipette Demo Scientific ApS", "1300"],
  ["lab-3", "Reagens Demo Nordic ApS", "1300"],
  ["lab-4", "Mikroskopet Demo ApS", "1300"],
  ["it-1", "Datagrej Demo A/S", "1410"],
  ["it-2", "Bitbyen Demo ApS", "1410"],
  ["it-3", "Aabybro Demo Computer ApS", "1410"],
  ["it-4", "Nørrebro Demo PC-Service ApS", "1410"],
  ["print-1", "Tonerhuset Demo A/S", "1420"],
  ["print-2", "Printa Demo Danmark ApS", "1420"],
  ["print-3", "Kopi-Kompagniet Demo ApS", "1420"],
  ["net-1", "Netbro Demo A/S", "1430"],
  ["net-2", "Switchværket Demo ApS", "1430"],
  ["net-3", "Kabelkompagniet Demo ApS", "1430"],
  ["sw-1", "Licensa Demo A/S", "1440"],
  ["sw-2", "Kodeværket Demo ApS", "1440"],
  ["sw-3", "Skybit Demo ApS", "1440"],
  ["sw-4", "Ådalens Demo Software ApS", "1440"],
  ["mobil-1", "Signal Demo Mobil A/S", "1510"],
  ["mobil-2", "Bølgelængde Demo Telecom A/S", "1510"],
  ["fastnet-1", "Fastlinjen Demo A/S", "1520"],
  ["fastnet-2", "Øresunds Demo Telefoni ApS", "1520"],
  ["fly-1", "Nordlys Demo Airlines A/S", "1610"],
  ["fly-2", "Vestenvind Demo Air ApS", "1610"],
  ["fly-3", "Ærø Demo Lufttaxa ApS", "1610"],
  ["hotel-1", "Hotel Demo Slotsholmen A/S", "1620"],
  ["hotel-2", "Kro & Hotel Demo Aalborg ApS", "1620"],
  ["hotel-3", "Strandhotellet Demo ApS", "1620"],
  ["konf-1", "Mødecentret Demo A/S", "1630"],
  ["konf-2", "Konferencegården Demo ApS", "1630"],
  ["konf-3", "Herregården Demo Event ApS", "1630"],
  ["rejse-1", "Rejsebureauet Demo Travel A/S", "1640"],
  ["rejse-2", "Globetrotter Demo Rejser ApS", "1640"],
  ["flyt-1", "Flyttemændene Demo A/S", "1710"],
  ["flyt-2", "Kasse & Kran Demo ApS", "1710"],
  ["flyt-3", "Budstikken Demo Flytning ApS", "1710"],
  ["moebler-1", "Skrivebordet Demo A/S", "1720"],
  ["moebler-2", "Stolefabrikken Demo ApS", "1720"],
  ["moebler-3", "Møbelhuset Demo Aarhus ApS", "1720"],
  ["moebler-4", "Designværkstedet Demo ApS", "1720"],
  ["sikring-1", "Alarmgruppen Demo A/S", "1730"],
  ["sikring-2", "Låsesmeden Demo ApS", "1730"],
  ["kontrol-1", "Vagtcentralen Demo A/S", "1740"],
  ["kontrol-2", "Nattevagten Demo ApS", "1740"],
  ["braend-1", "Tankstationen Demo Energi A/S", "1810"],
  ["braend-2", "Benzinøen Demo ApS", "1810"],
  ["mad-1", "Storkøkkenet Demo Engros A/S", "1820"],
  ["mad-2", "Fødevaregrossisten Demo A/S", "1820"],
  ["mad-3", "Mejeriet Demo Aarhus ApS", "1820"],
  ["mad-4", "Bageriet Demo ApS", "1820"],
  ["konsulent-1", "Rådgivningshuset Demo A/S", "1830"],
  ["konsulent-2", "Kodekonsulenterne Demo ApS", "1830"],
  ["konsulent-3", "Analysefabrikken Demo ApS", "1830"],
  ["vikar-1", "Vikarbureauet Demo A/S", "1840"],
  ["vikar-2", "Tempo Demo Bemanding ApS", "1840"],
  ["tryk-1", "Kuvertfabrikken Demo A/S", "1850"],
  ["tryk-2", "Trykkeriet Demo Åbyhøj ApS", "1850"],
  ["beklaed-1", "Uniformshuset Demo A/S", "1860"],
  ["beklaed-2", "Arbejdstøj Demo ApS", "1860"],
  ["bygning-1", "Håndværkerne Demo A/S", "1870"],
  ["bygning-2", "Malerfirmaet Demo ApS", "1870"],
  ["kontor-1", "Kontorland Demo A/S", "1920"],
  ["kontor-2", "Papirgården Demo ApS", "1920"],
  ["kontor-3", "Ærøskøbing Demo Papir ApS", "1920"],
  ["kontor-4", "Blyanten Demo ApS", "1920"],
];

const SUPPLIER_CVRS = fictitiousCvrs(SUPPLIER_ROWS.length, 3_512_000, 173);

export const DEMO_SUPPLIERS: readonly DemoSupplier[] = SUPPLIER_ROWS.map(([key, name, categoryCode], i) => ({
  key,
  cvr: SUPPLIER_CVRS[i]!,
  name,
  categoryCode,
}));

// ---------------------------------------------------------------------------------------------
// Agreements
// ---------------------------------------------------------------------------------------------

export type DemoAgreement = {
  reference: string;
  name: string;
  description: string;
  kind: AgreementKind;
  phaseNumber: number | null;
  validFrom: string;
  /** Last day the agreement can be used (inclusive). */
  validTo: string;
  /** Institution key of the owner, for OWN agreements only. */
  ownerKey: string | null;
  ecommerce: boolean;
  categoryCodes: string[];
  supplierKeys: string[];
};

type AgreementRow = Omit<DemoAgreement, "ownerKey" | "phaseNumber"> & { phaseNumber?: number; ownerKey?: string };

const AGREEMENT_ROWS: AgreementRow[] = [
  // Phase 8 (closed; voluntary customers need an enrolment)
  {
    reference: "SIP 08.01",
    name: "Computeraftalen",
    description:
      "Stationære og bærbare computere, skærme og tilbehør med tilhørende ydelser. Genudbudt aftaleperiode 2023-2027.",
    kind: "MANDATORY_CENTRAL",
    phaseNumber: 8,
    validFrom: "2023-03-01",
    validTo: "2027-02-28",
    ecommerce: true,
    categoryCodes: ["1410"],
    supplierKeys: ["it-1", "it-2", "it-3"],
  },
  {
    reference: "SIP 08.02",
    name: "Mobiltelefoni",
    description: "Mobiltelefoni, mobilt bredbånd og tilhørende abonnementer. Udløber 30. juni 2026.",
    kind: "MANDATORY_CENTRAL",
    phaseNumber: 8,
    validFrom: "2022-07-01",
    validTo: "2026-06-30",
    ecommerce: false,
    categoryCodes: ["1510"],
    supplierKeys: ["mobil-1"],
  },
  {
    reference: "SIP 08.03",
    name: "Fastnettelefoni",
    description: "Fastnettelefoni og omstillingsanlæg. Aftalen er udløbet og ikke genudbudt.",
    kind: "MANDATORY_CENTRAL",
    phaseNumber: 8,
    validFrom: "2014-04-01",
    validTo: "2019-03-31",
    ecommerce: false,
    categoryCodes: ["1520"],
    supplierKeys: ["fastnet-1"],
  },
  // Phase 9
  {
    reference: "SIP 09.01",
    name: "Printere og multifunktionsmaskiner",
    description: "Køb og leje af printere og multifunktionsmaskiner samt forbrugsstoffer og service.",
    kind: "MANDATORY_CENTRAL",
    phaseNumber: 9,
    validFrom: "2024-01-01",
    validTo: "2027-12-31",
    ecommerce: true,
    categoryCodes: ["1420"],
    supplierKeys: ["print-1", "print-2"],
  },
  {
    reference: "SIP 09.02",
    name: "Flyrejser",
    description: "Indenrigs- og udenrigsflyrejser for statens ansatte på tjenesterejse.",
    kind: "MANDATORY_CENTRAL",
    phaseNumber: 9,
    validFrom: "2023-10-01",
    validTo: "2027-09-30",
    ecommerce: false,
    categoryCodes: ["1610"],
    supplierKeys: ["fly-1", "fly-2"],
  },
  {
    reference: "SIP 09.03",
    name: "Brændstof",
    description: "Brændstof til tjenestekøretøjer via tankkort, inklusive el-ladning på offentlige ladestandere.",
    kind: "MANDATORY_CENTRAL",
    phaseNumber: 9,
    validFrom: "2023-05-01",
    validTo: "2027-04-30",
    ecommerce: false,
    categoryCodes: ["1810"],
    supplierKeys: ["braend-1"],
  },
  // Phase 10
  {
    reference: "SIP 10.01",
    name: "Elektricitet",
    description: "Levering af el til statens bygninger, inklusive grøn strøm med oprindelsesgarantier.",
    kind: "MANDATORY_CENTRAL",
    phaseNumber: 10,
    validFrom: "2024-01-01",
    validTo: "2027-12-31",
    ecommerce: false,
    categoryCodes: ["1150"],
    supplierKeys: ["el-1"],
  },
  {
    reference: "SIP 10.02",
    name: "Standardsoftware",
    description: "Licenser til standardsoftware, abonnementer og tilhørende rådgivning om licensoptimering.",
    kind: "MANDATORY_CENTRAL",
    phaseNumber: 10,
    validFrom: "2023-07-01",
    validTo: "2027-06-30",
    ecommerce: true,
    categoryCodes: ["1440"],
    supplierKeys: ["sw-1", "sw-2"],
  },
  {
    reference: "SIP 10.03",
    name: "Laboratorieudstyr og -forbrugsvarer",
    description: "Frivillig aftale om laboratorieudstyr, kemikalier og engangsartikler til laboratorier.",
    kind: "VOLUNTARY_CENTRAL",
    phaseNumber: 10,
    validFrom: "2024-04-01",
    validTo: "2028-03-31",
    ecommerce: true,
    categoryCodes: ["1300"],
    supplierKeys: ["lab-1", "lab-2"],
  },
  {
    reference: "SIP 10.04",
    name: "Rejsebureauydelser",
    description: "Bestilling og administration af tjenesterejser, herunder rejseafregning og rejsesikkerhed.",
    kind: "MANDATORY_CENTRAL",
    phaseNumber: 10,
    validFrom: "2023-01-01",
    validTo: "2026-12-31",
    ecommerce: false,
    categoryCodes: ["1640"],
    supplierKeys: ["rejse-1"],
  },
  // Phase 11 (open; no enrolment needed)
  {
    reference: "SIP 11.01",
    name: "Konferenceaftalen",
    description: "Konferencer, møder og kurser med overnatning uden for egne lokaler.",
    kind: "MANDATORY_CENTRAL",
    phaseNumber: 11,
    validFrom: "2025-01-01",
    validTo: "2028-12-31",
    ecommerce: false,
    categoryCodes: ["1630"],
    supplierKeys: ["konf-1", "konf-2"],
  },
  {
    reference: "SIP 11.02",
    name: "AIA/ADK-aftalen",
    description: "Automatiske indbrudsalarmanlæg (AIA) og adgangskontrolsystemer (ADK): køb, installation og service.",
    kind: "MANDATORY_CENTRAL",
    phaseNumber: 11,
    validFrom: "2024-09-01",
    validTo: "2028-08-31",
    ecommerce: false,
    categoryCodes: ["1730"],
    supplierKeys: ["sikring-1"],
  },
  {
    reference: "SIP 11.03",
    name: "Flytteydelser",
    description: "Kontorflytninger, opmagasinering og flytning af it-udstyr.",
    kind: "MANDATORY_CENTRAL",
    phaseNumber: 11,
    validFrom: "2025-04-01",
    validTo: "2029-03-31",
    ecommerce: false,
    categoryCodes: ["1710"],
    supplierKeys: ["flyt-1", "flyt-2"],
  },
  {
    reference: "SIP 11.04",
    name: "Kontorartikler",
    description: "Kontorartikler, papir og kontorforsyninger bestilt via e-handel.",
    kind: "MANDATORY_CENTRAL",
    phaseNumber: 11,
    validFrom: "2024-05-01",
    validTo: "2028-04-30",
    ecommerce: true,
    categoryCodes: ["1920"],
    supplierKeys: ["kontor-1", "kontor-2"],
  },
  {
    reference: "SIP 11.05",
    name: "Kontrolcentral",
    description: "Døgnbemandet kontrolcentral til modtagelse og håndtering af alarmer.",
    kind: "MANDATORY_CENTRAL",
    phaseNumber: 11,
    validFrom: "2024-09-01",
    validTo: "2028-08-31",
    ecommerce: false,
    categoryCodes: ["1740"],
    supplierKeys: ["kontrol-1"],
  },
  {
    reference: "SIP 11.06",
    name: "Hotelophold",
    description: "Hotelovernatninger i Danmark ved tjenesterejser.",
    kind: "MANDATORY_CENTRAL",
    phaseNumber: 11,
    validFrom: "2025-03-01",
    validTo: "2027-02-28",
    ecommerce: false,
    categoryCodes: ["1620"],
    supplierKeys: ["hotel-1", "hotel-2"],
  },
  // Phase 12
  {
    reference: "SIP 12.01",
    name: "Kontormøbler",
    description: "Skriveborde, kontorstole, mødemøbler og opbevaring, inklusive montering.",
    kind: "MANDATORY_CENTRAL",
    phaseNumber: 12,
    validFrom: "2025-06-01",
    validTo: "2029-05-31",
    ecommerce: true,
    categoryCodes: ["1720"],
    supplierKeys: ["moebler-1", "moebler-2"],
  },
  {
    reference: "SIP 12.02",
    name: "Netværkskomponenter",
    description: "Switche, routere, trådløse adgangspunkter og tilhørende support.",
    kind: "MANDATORY_CENTRAL",
    phaseNumber: 12,
    validFrom: "2025-02-01",
    validTo: "2028-01-31",
    ecommerce: true,
    categoryCodes: ["1430"],
    supplierKeys: ["net-1", "net-2"],
  },
  {
    reference: "SIP 12.03",
    name: "Rengørings- og forbrugsartikler",
    description: "Rengøringsmidler, papirprodukter, affaldsposer og andre forbrugsartikler.",
    kind: "MANDATORY_CENTRAL",
    phaseNumber: 12,
    validFrom: "2024-11-01",
    validTo: "2028-10-31",
    ecommerce: true,
    categoryCodes: ["1210"],
    supplierKeys: ["rengoering-1", "rengoering-2"],
  },
  {
    reference: "SIP 12.04",
    name: "Naturgas",
    description: "Frivillig aftale om levering af naturgas og biogas til opvarmning.",
    kind: "VOLUNTARY_CENTRAL",
    phaseNumber: 12,
    validFrom: "2025-01-01",
    validTo: "2027-12-31",
    ecommerce: false,
    categoryCodes: ["1130"],
    supplierKeys: ["gas-1"],
  },
  {
    reference: "SIP 12.05",
    name: "Mobiltelefoni 2027",
    description: "Afløser for Mobiltelefoni (SIP 08.02). Træder i kraft 1. januar 2027.",
    kind: "MANDATORY_CENTRAL",
    phaseNumber: 12,
    validFrom: "2027-01-01",
    validTo: "2030-12-31",
    ecommerce: false,
    categoryCodes: ["1510"],
    supplierKeys: ["mobil-1", "mobil-2"],
  },
  {
    reference: "SIP 12.06",
    name: "Fødevarer til kantiner",
    description: "Frivillig aftale om fødevarer til statslige kantiner. Træder i kraft 1. marts 2027.",
    kind: "VOLUNTARY_CENTRAL",
    phaseNumber: 12,
    validFrom: "2027-03-01",
    validTo: "2030-02-28",
    ecommerce: true,
    categoryCodes: ["1820"],
    supplierKeys: ["mad-1", "mad-2"],
  },
  // Voluntary SKI agreements (no phase)
  {
    reference: "SKI 02.19",
    name: "It-konsulentydelser",
    description: "SKI-rammeaftale om it-konsulenter til udvikling, projektledelse og rådgivning.",
    kind: "VOLUNTARY_SKI",
    validFrom: "2023-06-01",
    validTo: "2027-05-31",
    ecommerce: false,
    categoryCodes: ["1830"],
    supplierKeys: ["konsulent-1", "konsulent-2", "konsulent-3"],
  },
  {
    reference: "SKI 02.06",
    name: "Software og licenser (SKI)",
    description: "SKI-rammeaftale om standardsoftware og cloudabonnementer.",
    kind: "VOLUNTARY_SKI",
    validFrom: "2024-01-01",
    validTo: "2027-12-31",
    ecommerce: true,
    categoryCodes: ["1440"],
    supplierKeys: ["sw-3", "sw-4"],
  },
  {
    reference: "SKI 13.22",
    name: "Fødevarer",
    description: "SKI-rammeaftale om fødevarer til institutionskøkkener og kantiner.",
    kind: "VOLUNTARY_SKI",
    validFrom: "2024-04-01",
    validTo: "2028-03-31",
    ecommerce: true,
    categoryCodes: ["1820"],
    supplierKeys: ["mad-2", "mad-3"],
  },
  {
    reference: "SKI 50.80",
    name: "Vikarydelser",
    description: "SKI-rammeaftale om vikarer til kontor, administration og sundhed.",
    kind: "VOLUNTARY_SKI",
    validFrom: "2024-09-01",
    validTo: "2028-08-31",
    ecommerce: false,
    categoryCodes: ["1840"],
    supplierKeys: ["vikar-1"],
  },
  {
    reference: "SKI 16.30",
    name: "Kontormøbler (SKI)",
    description: "SKI-rammeaftale om kontormøbler og indretning.",
    kind: "VOLUNTARY_SKI",
    validFrom: "2024-03-01",
    validTo: "2028-02-29",
    ecommerce: true,
    categoryCodes: ["1720"],
    supplierKeys: ["moebler-3"],
  },
  // Own agreements (no phase)
  {
    reference: "EGEN SKST 2024-01",
    name: "Kuvertering og forsendelse",
    description: "Skattestyrelsens egen aftale om print, kuvertering og forsendelse af breve.",
    kind: "OWN",
    ownerKey: "skst",
    validFrom: "2024-01-01",
    validTo: "2027-12-31",
    ecommerce: false,
    categoryCodes: ["1850"],
    supplierKeys: ["tryk-1"],
  },
  {
    reference: "EGEN POL 2023-02",
    name: "Uniformer og beklædning",
    description: "Rigspolitiets egen aftale om uniformer og arbejdsbeklædning.",
    kind: "OWN",
    ownerKey: "rigspol",
    validFrom: "2023-03-01",
    validTo: "2027-02-28",
    ecommerce: true,
    categoryCodes: ["1860"],
    supplierKeys: ["beklaed-1"],
  },
  {
    reference: "EGEN SSI 2022-01",
    name: "Laboratorieforbrugsvarer",
    description: "Statens Serum Instituts egen aftale om reagenser og forbrugsvarer. Udløber 31. december 2025.",
    kind: "OWN",
    ownerKey: "ssi",
    validFrom: "2022-01-01",
    validTo: "2025-12-31",
    ecommerce: false,
    categoryCodes: ["1300"],
    supplierKeys: ["lab-3"],
  },
  {
    reference: "EGEN AAK 2025-01",
    name: "Fødevarer til plejecentre",
    description: "Aarhus Kommunes egen aftale om fødevarer til kommunens plejecentre.",
    kind: "OWN",
    ownerKey: "aak",
    validFrom: "2025-01-01",
    validTo: "2028-12-31",
    ecommerce: true,
    categoryCodes: ["1820"],
    supplierKeys: ["mad-3", "mad-4"],
  },
  {
    reference: "EGEN OES 2021-01",
    name: "Bygningsvedligeholdelse",
    description: "Økonomistyrelsens egen aftale om mindre håndværksopgaver. Aftalen er udløbet.",
    kind: "OWN",
    ownerKey: "oes",
    validFrom: "2021-01-01",
    validTo: "2024-12-31",
    ecommerce: false,
    categoryCodes: ["1870"],
    supplierKeys: ["bygning-1"],
  },
];

export const DEMO_AGREEMENTS: readonly DemoAgreement[] = AGREEMENT_ROWS.map((row) => ({
  ...row,
  phaseNumber: row.phaseNumber ?? null,
  ownerKey: row.ownerKey ?? null,
}));

// ---------------------------------------------------------------------------------------------
// Agreement parties
// ---------------------------------------------------------------------------------------------

export type DemoParty = { agreementReference: string; institutionKey: string; source: PartySource; since: string };

/** Which phases each voluntary customer has joined (they are party to the central agreements of those phases). */
export const VOLUNTARY_PHASE_JOINS: Readonly<Record<string, readonly number[]>> = {
  kk: [8, 9, 10, 11, 12],
  aak: [10, 11],
  aalk: [12],
  aeroe: [],
  rh: [9, 10, 11, 12],
  rm: [8, 11],
  ft: [11, 12],
  nb: [11],
  diis: [12],
  imr: [11, 12],
  gl: [],
  fo: [11],
  "sel-kunst": [11, 12],
  "sel-natur": [12],
  "sel-skole": [],
};

/** Voluntary customers that use the SKI agreements (kommuner and regioner). */
const SKI_VOLUNTARY_USERS = ["kk", "aak", "aalk", "aeroe", "rh", "rm"];

/**
 * Who is party to what:
 * - every obligated institution to every central agreement and SKI agreement (source OBLIGATED);
 * - voluntary customers to the central agreements of the phases they joined (PHASE_JOIN), except
 *   where an approved enrolment recorded the party (ENROLMENT, since the approval);
 * - kommuner and regioner to the SKI agreements (ENROLMENT: their own SKI tilslutning);
 * - owners to their own agreements (OWNER).
 */
export function demoAgreementParties(): DemoParty[] {
  const parties: DemoParty[] = [];
  const approved = new Map(
    DEMO_ENROLMENTS.filter((e) => e.status === "APPROVED").map((e) => [`${e.agreementReference}|${e.institutionKey}`, e]),
  );
  for (const agreement of DEMO_AGREEMENTS) {
    if (agreement.kind === "OWN") {
      parties.push({
        agreementReference: agreement.reference,
        institutionKey: agreement.ownerKey!,
        source: "OWNER",
        since: agreement.validFrom,
      });
      continue;
    }
    for (const institution of DEMO_INSTITUTIONS) {
      const base = { agreementReference: agreement.reference, institutionKey: institution.key };
      if (institution.customerType === "OBLIGATED") {
        parties.push({ ...base, source: "OBLIGATED", since: agreement.validFrom });
        continue;
      }
      const enrolment = approved.get(`${agreement.reference}|${institution.key}`);
      if (enrolment) {
        parties.push({ ...base, source: "ENROLMENT", since: enrolment.decidedAt!.slice(0, 10) });
      } else if (agreement.kind === "VOLUNTARY_SKI") {
        if (SKI_VOLUNTARY_USERS.includes(institution.key)) {
          parties.push({ ...base, source: "ENROLMENT", since: agreement.validFrom });
        }
      } else if (agreement.phaseNumber !== null && (VOLUNTARY_PHASE_JOINS[institution.key] ?? []).includes(agreement.phaseNumber)) {
        parties.push({ ...base, source: "PHASE_JOIN", since: agreement.validFrom });
      }
    }
  }
  return parties;
}

// ---------------------------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------------------------

export type DemoDeadline = { quarter: string; deadline: string };

export const DEMO_DEADLINES: readonly DemoDeadline[] = [
  // Published by the agency
  { quarter: "2016Q1", deadline: "2017-05-16" },
  { quarter: "2016Q2", deadline: "2017-08-15" },
  { quarter: "2016Q3", deadline: "2017-11-14" },
  { quarter: "2016Q4", deadline: "2018-02-20" },
  // The demo's data quarters and the current quarter (about 4½ months after quarter end)
  { quarter: "2025Q4", deadline: "2026-05-19" },
  { quarter: "2026Q1", deadline: "2026-08-18" },
  { quarter: "2026Q2", deadline: "2026-11-17" },
  { quarter: "2026Q3", deadline: "2027-02-16" },
  { quarter: "2026Q4", deadline: "2027-05-18" },
];

// ---------------------------------------------------------------------------------------------
// Users
// ---------------------------------------------------------------------------------------------

export type DemoUser = {
  email: string;
  name: string;
  role: Role;
  title: string | null;
  phone: string | null;
  /** The public work e-mail (the group-buyer directory shows it, never the log-in e-mail). */
  contactEmail: string | null;
  institutionKey: string | null;
  ministryCode: string | null;
  /** The supplier company of a SUPPLIER user (a key of the demo suppliers). */
  supplierKey?: string;
};

const GROUP_BUYER_NAMES: Record<string, [name: string, phone: string]> = {
  FM: ["Henrik Aagaard", "+45 33 92 30 11"],
  SKM: ["Louise Brandt Kjær", "+45 33 92 30 12"],
  JM: ["Thomas Vestergaard", "+45 33 92 30 13"],
  FMN: ["Anne-Mette Dahl", "+45 33 92 30 14"],
  BUVM: ["Rasmus Holm Iversen", "+45 33 92 30 15"],
  UFM: ["Sofie Lund Mikkelsen", "+45 33 92 30 16"],
  ISM: ["Morten Østergaard Friis", "+45 33 92 30 17"],
  KUM: ["Camilla Bech", "+45 33 92 30 18"],
  UM: ["Jakob Skov Lauridsen", "+45 33 92 30 19"],
  EM: ["Ida Marie Winther", "+45 33 92 30 20"],
  STM: ["Kasper Ærenlund", "+45 33 92 30 21"],
  DIGM: ["Nanna Søgaard", "+45 33 92 30 22"],
};

export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: "admin@demo.example.dk",
    name: "Mette Skovgaard",
    role: "ADMIN",
    title: "Chefkonsulent, Statens Indkøb",
    phone: "+45 33 92 30 00",
    contactEmail: null,
    institutionKey: null,
    ministryCode: null,
  },
  {
    email: "koeber.stat@demo.example.dk",
    name: "Jonas Birk Andersen",
    role: "BUYER",
    title: "Indkøbskonsulent",
    phone: "+45 33 92 31 01",
    contactEmail: null,
    institutionKey: "oes",
    ministryCode: null,
  },
  {
    email: "koeber.kommune@demo.example.dk",
    name: "Line Østergaard Nielsen",
    role: "BUYER",
    title: "Indkøber",
    phone: "+45 89 40 20 01",
    contactEmail: null,
    institutionKey: "aak",
    ministryCode: null,
  },
  {
    email: "analytiker@demo.example.dk",
    name: "Peter Dalby",
    role: "MINISTRY_ANALYST",
    title: "Fuldmægtig, økonomi og indkøb",
    phone: "+45 33 92 32 01",
    contactEmail: null,
    institutionKey: null,
    ministryCode: "FM",
  },
  {
    email: "analytiker.skm@demo.example.dk",
    name: "Signe Kragh Poulsen",
    role: "MINISTRY_ANALYST",
    title: "Specialkonsulent, koncernøkonomi",
    phone: "+45 33 92 32 02",
    contactEmail: null,
    institutionKey: null,
    ministryCode: "SKM",
  },
  {
    email: "leverandoer@demo.example.dk",
    name: "Henrik Lund Mortensen",
    role: "SUPPLIER",
    title: "Key account manager, Datagrej Demo A/S",
    phone: "+45 70 20 14 10",
    contactEmail: null,
    institutionKey: null,
    ministryCode: null,
    supplierKey: "it-1",
  },
  {
    email: "leverandoer2@demo.example.dk",
    name: "Camilla Friis Jeppesen",
    role: "SUPPLIER",
    title: "Kundeansvarlig, Strømkilden Demo A/S",
    phone: "+45 70 20 11 50",
    contactEmail: null,
    institutionKey: null,
    ministryCode: null,
    supplierKey: "el-1",
  },
  // A group buyer (koncernindkøber) for every ministry area; ministry #1's has the short address.
  ...DEMO_MINISTRIES.map((ministry, index): DemoUser => {
    const [name, phone] = GROUP_BUYER_NAMES[ministry.code] ?? [`Koncernindkøber ${ministry.code}`, "+45 33 92 30 99"];
    return {
      email: index === 0 ? "koncernindkoeber@demo.example.dk" : `koncernindkoeber.${ministry.code.toLowerCase()}@demo.example.dk`,
      name,
      role: "GROUP_BUYER",
      title: `Koncernindkøber, ${ministry.name}`,
      phone,
      // The ministry area's functional procurement mailbox: it outlives a change of group buyer.
      contactEmail: `koncernindkoeb@${ministry.code.toLowerCase()}.demo.example.dk`,
      institutionKey: null,
      ministryCode: ministry.code,
    };
  }),
];

// ---------------------------------------------------------------------------------------------
// Enrolments, join requests and reservations
// ---------------------------------------------------------------------------------------------

export type DemoEnrolmentEvent = {
  actorEmail: string;
  fromStatus: EnrolmentStatus | null;
  toStatus: EnrolmentStatus;
  note: string;
  at: string;
};

export type DemoEnrolment = {
  agreementReference: string;
  institutionKey: string;
  status: EnrolmentStatus;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  signatoryName: string;
  signedOn: string;
  createdByEmail: string;
  createdAt: string;
  decidedByEmail: string | null;
  /** ISO timestamp of the decision, or null while pending. */
  decidedAt: string | null;
  /** The rows of the uploaded Skema (Excel), one object per row. */
  rows: Record<string, string>[];
  events: DemoEnrolmentEvent[];
};

const AAK_EANS = () => DEMO_INSTITUTIONS.find((i) => i.key === "aak")!.eanLocations.map((l) => l.ean);

export const DEMO_ENROLMENTS: readonly DemoEnrolment[] = [
  {
    agreementReference: "SIP 10.02",
    institutionKey: "aak",
    status: "APPROVED",
    contactName: "Line Østergaard Nielsen",
    contactEmail: "koeber.kommune@demo.example.dk",
    contactPhone: "+45 89 40 20 01",
    signatoryName: "Bo Kristensen, indkøbschef",
    signedOn: "2025-08-28",
    createdByEmail: "koeber.kommune@demo.example.dk",
    createdAt: "2025-09-02T09:15:00Z",
    decidedByEmail: "koncernindkoeber.ism@demo.example.dk",
    decidedAt: "2025-09-10T13:40:00Z",
    rows: [
      { Enhed: "Rådhuset", EAN: AAK_EANS()[0]!, Kontaktperson: "Line Østergaard Nielsen", "Forventet årligt forbrug (kr.)": "850000" },
      { Enhed: "Sundhed og Omsorg", EAN: AAK_EANS()[1]!, Kontaktperson: "Karsten Møller", "Forventet årligt forbrug (kr.)": "420000" },
    ],
    events: [
      { actorEmail: "koeber.kommune@demo.example.dk", fromStatus: null, toStatus: "PENDING", note: "Tilmelding indsendt med Bilag 7 og Skema.", at: "2025-09-02T09:15:00Z" },
      { actorEmail: "koncernindkoeber.ism@demo.example.dk", fromStatus: "PENDING", toStatus: "APPROVED", note: "Tilmelding godkendt. Kunden kan nu anmode om log-in til aftalen.", at: "2025-09-10T13:40:00Z" },
    ],
  },
  {
    agreementReference: "SIP 10.01",
    institutionKey: "aak",
    status: "PENDING",
    contactName: "Line Østergaard Nielsen",
    contactEmail: "koeber.kommune@demo.example.dk",
    contactPhone: "+45 89 40 20 01",
    signatoryName: "Bo Kristensen, indkøbschef",
    signedOn: "2026-11-09",
    createdByEmail: "koeber.kommune@demo.example.dk",
    createdAt: "2026-11-10T10:05:00Z",
    decidedByEmail: null,
    decidedAt: null,
    rows: [{ Enhed: "Rådhuset", EAN: AAK_EANS()[0]!, Kontaktperson: "Line Østergaard Nielsen", "Forventet årligt forbrug (kr.)": "2400000" }],
    events: [
      { actorEmail: "koeber.kommune@demo.example.dk", fromStatus: null, toStatus: "PENDING", note: "Tilmelding indsendt med Bilag 7 og Skema.", at: "2026-11-10T10:05:00Z" },
    ],
  },
];

export type DemoJoinRequest = {
  institutionKey: string;
  phaseNumber: number;
  agreementReference: string | null;
  message: string;
  status: RequestStatus;
  requestedByEmail: string;
  createdAt: string;
};

export const DEMO_JOIN_REQUESTS: readonly DemoJoinRequest[] = [
  {
    institutionKey: "aak",
    phaseNumber: 12,
    agreementReference: "SIP 12.01",
    message: "Aarhus Kommune ønsker at blive part på aftalerne i 12. fase, især Kontormøbler.",
    status: "OPEN",
    requestedByEmail: "koeber.kommune@demo.example.dk",
    createdAt: "2026-11-03T08:30:00Z",
  },
];

export type DemoReservation = { ministryCode: string; quarter: string; text: string; createdByEmail: string; createdAt: string };

export const DEMO_RESERVATIONS: readonly DemoReservation[] = [
  {
    ministryCode: "SKM",
    quarter: "2026Q2",
    text:
      "Skatteministeriet tager forbehold for SKS-data for 2. kvartal 2026: ca. 2,1 mio. kr. vedrørende it-hardware i Skattestyrelsen er fejlkonteret og rettes i 3. kvartal 2026.",
    createdByEmail: "analytiker.skm@demo.example.dk",
    createdAt: "2026-10-05T11:20:00Z",
  },
];

// ---------------------------------------------------------------------------------------------
// Look-ups
// ---------------------------------------------------------------------------------------------

export function demoInstitution(key: string): DemoInstitution {
  const found = DEMO_INSTITUTIONS.find((i) => i.key === key);
  if (!found) throw new Error(`Unknown demo institution ${key}`);
  return found;
}
