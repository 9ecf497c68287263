/**
 * Demo data for the local platform. Town facts are from shared/domain.md (codes with their check digit,
 * office addresses); challenge texts are illustrative. Deadlines are relative to the seeding day so the
 * demo stays alive.
 */
import type { Challenge, Fund, Municipality } from '../../functions/domain/catalog.js';
import { municipalCorporateNumber } from '../../functions/domain/municipality.js';
import type { Company, UserProfile } from '../../functions/store/users.js';

export const YOKOZE = '113611';
export const BANDAI = '074071';
export const AMA = '325252';
export const SHIBUYA = '131130';

export const towns: Municipality[] = [
  {
    code: YOKOZE,
    name: '横瀬町',
    nameEn: 'Yokoze',
    prefecture: '埼玉県',
    prefectureEn: 'Saitama',
    postalCode: '368-0072',
    address: '埼玉県秩父郡横瀬町大字横瀬4545',
    mayor: '横瀬町長',
    corporateNumber: municipalCorporateNumber(YOKOZE),
    description: '官民連携プラットフォーム「よこらぼ」で、町外の企業や個人の提案を毎月審査し実証の場を開いてきた町。',
    descriptionEn: 'Home of Yokolab, the public-private co-creation platform that reviews proposals from companies and individuals every month.',
  },
  {
    code: BANDAI,
    name: '磐梯町',
    nameEn: 'Bandai',
    prefecture: '福島県',
    prefectureEn: 'Fukushima',
    postalCode: '969-3392',
    address: '福島県耶麻郡磐梯町大字磐梯字中ノ橋1855',
    mayor: '磐梯町長',
    corporateNumber: municipalCorporateNumber(BANDAI),
    description: 'デジタル変革を町政の柱に据え、「ばんだい宝ラボ」で町内外からの提案を公式に後押しする町。',
    descriptionEn: 'A town that put digital transformation at the heart of its policy and backs proposals from anyone through Bandai Takara Lab.',
  },
  {
    code: AMA,
    name: '海士町',
    nameEn: 'Ama',
    prefecture: '島根県',
    prefectureEn: 'Shimane',
    postalCode: '684-0403',
    address: '島根県隠岐郡海士町大字海士1490',
    mayor: '海士町長',
    corporateNumber: municipalCorporateNumber(AMA),
    description: '隠岐諸島の島の町。2024年に横瀬町・磐梯町と三町未来共創協定を結んだ。',
    descriptionEn: 'An island town in the Oki Islands that signed the three-town future co-creation agreement with Yokoze and Bandai in 2024.',
  },
];

export const FUND_ID = 'kyoso-kikin';
export const OPENING_SHARE = 3_000_000;

export const funds: Fund[] = [
  {
    id: FUND_ID,
    name: '広域共創基金',
    nameEn: 'Wide-Area Co-Creation Fund',
    description: '横瀬町・磐梯町・海士町が共同で運用する基金。各町の持分ごとに管理し、配分には持分を拠出する町の会計管理者全員の承認が必要です。',
    descriptionEn: 'A fund the three towns run together. Each town’s share is kept separately; an allocation needs the approval of every town whose share it draws on.',
    members: [YOKOZE, BANDAI, AMA],
    governance: { rule: 'all_drawn' },
  },
];

const day = 24 * 60 * 60 * 1000;
function jstDay(offsetDays: number, now: Date): string {
  return new Date(now.getTime() + 9 * 60 * 60 * 1000 + offsetDays * day).toISOString().slice(0, 10);
}

export function challenges(now: Date): Challenge[] {
  const createdAt = now.toISOString();
  return [
    {
      id: 'yokoze-bandai-dx',
      title: '横瀬×磐梯 スマート観光DX',
      titleEn: 'Yokoze × Bandai smart tourism DX',
      summary: '二つの町の観光案内と交通をひとつのアプリでつなぎ、山あいの町を巡る旅をもっと気軽に。',
      summaryEn: 'One app for tourist information and transport across two mountain towns, so that touring them becomes easy.',
      description: '横瀬町と磐梯町が共同で、観光案内・デマンド交通・キャッシュレス決済を一体化した広域アプリを実証します。運営は提案企業が担い、両町の職員が共同で評価します。',
      descriptionEn: 'Yokoze and Bandai jointly pilot a wide-area app combining tourist information, on-demand transport and cashless payment, run by the proposing company and evaluated by staff of both towns.',
      theme: 'DX / 観光',
      towns: [YOKOZE, BANDAI],
      leadTown: YOKOZE,
      targetAmount: 5_000_000,
      deadline: jstDay(90, now),
      status: 'open',
      operatorCompanyId: 'company1',
      createdAt,
    },
    {
      id: 'yokoze-forest-school',
      title: '武甲山のふもと 森のがっこう',
      titleEn: 'Forest school at the foot of Mt. Buko',
      summary: '町有林を子どもたちの学びと遊びの場に。道具小屋と安全な遊歩道を整えます。',
      summaryEn: 'Turning town forest into a place for children to learn and play: a tool shed and safe trails.',
      description: '横瀬町の町有林に、地域の林業者と保護者が運営する「森のがっこう」を開きます。寄附は遊歩道整備と道具小屋に使います。',
      descriptionEn: 'A forest school in Yokoze’s town forest, run by local foresters and parents. Donations fund trails and a tool shed.',
      theme: '教育 / 森林',
      towns: [YOKOZE],
      leadTown: YOKOZE,
      targetAmount: 2_000_000,
      deadline: jstDay(60, now),
      status: 'open',
      createdAt,
    },
    {
      id: 'bandai-aizu-heritage',
      title: '慧日寺跡 デジタルアーカイブ',
      titleEn: 'Enichi-ji temple ruins digital archive',
      summary: '国指定史跡・慧日寺跡を3Dで記録し、誰でも見られるデジタルアーカイブに。',
      summaryEn: 'A 3D record of the national historic site Enichi-ji, open to everyone as a digital archive.',
      description: '磐梯町の慧日寺跡を3D計測し、解説とともに公開します。学校の授業や観光にも活用します。',
      descriptionEn: 'Bandai scans the Enichi-ji ruins in 3D and publishes them with commentary, for classes and visitors.',
      theme: '文化財 / DX',
      towns: [BANDAI],
      leadTown: BANDAI,
      targetAmount: 3_000_000,
      deadline: jstDay(75, now),
      status: 'open',
      createdAt,
    },
    {
      id: 'ama-island-study',
      title: '海士町 島留学の寮をつくる',
      titleEn: 'A dormitory for island study in Ama',
      summary: '全国から高校生が集まる島留学のため、古民家を寮に改修します。',
      summaryEn: 'Renovating an old house into a dormitory for students who come to study on the island.',
      description: '海士町では全国から高校生を受け入れています。空き家となった古民家を改修し、寮として活用します。',
      descriptionEn: 'Ama welcomes high-school students from all over Japan. An empty old house becomes their dormitory.',
      theme: '教育 / 移住',
      towns: [AMA],
      leadTown: AMA,
      targetAmount: 4_000_000,
      deadline: jstDay(120, now),
      status: 'open',
      createdAt,
    },
    {
      id: 'yokoze-ashigakubo-icicles',
      title: 'あしがくぼの氷柱 ライトアップ',
      titleEn: 'Ashigakubo icicles illumination',
      summary: '冬の名所「あしがくぼの氷柱」の照明をLEDに更新しました(募集終了)。',
      summaryEn: 'New LED lighting for the Ashigakubo icicles, a winter landmark (closed).',
      description: '募集は終了しました。ご支援ありがとうございました。',
      descriptionEn: 'This challenge has closed. Thank you for your support.',
      theme: '観光',
      towns: [YOKOZE],
      leadTown: YOKOZE,
      targetAmount: 1_000_000,
      deadline: jstDay(-30, now),
      status: 'closed',
      createdAt,
    },
  ];
}

export const companies: Company[] = [
  {
    id: 'company1',
    corporateNumber: '2011001012345',
    name: '株式会社共創テック',
    nameKana: 'カブシキガイシャキョウソウテック',
    headOfficeAddress: '東京都渋谷区渋谷2-1-1',
    headOfficeTown: SHIBUYA,
    contactName: '山田 花子',
    contactEmail: 'hanako@kyoso-tech.example',
  },
  {
    id: 'company-yokoze',
    corporateNumber: '4030001067890',
    name: '横瀬林業株式会社',
    nameKana: 'ヨコゼリンギョウカブシキガイシャ',
    headOfficeAddress: '埼玉県秩父郡横瀬町大字横瀬1000',
    headOfficeTown: YOKOZE,
    contactName: '武甲 太郎',
    contactEmail: 'taro@yokoze-ringyo.example',
  },
];

/** Exactly the users DESIGN.md names. */
export const users: UserProfile[] = [
  { id: 'donor1', name: '寄附 一郎', email: 'donor1@example.jp', roles: ['donor'] },
  { id: 'donor2', name: 'Jane Donor', email: 'donor2@example.com', roles: ['donor'] },
  { id: 'company1', name: '山田 花子(共創テック)', email: 'hanako@kyoso-tech.example', roles: ['company'], companyId: 'company1' },
  { id: 'company-yokoze', name: '武甲 太郎(横瀬林業)', email: 'taro@yokoze-ringyo.example', roles: ['company'], companyId: 'company-yokoze' },
  { id: 'reviewer-yokoze', name: '横瀬町 審査担当', email: 'reviewer@town.yokoze.example', roles: [`reviewer:${YOKOZE}`] },
  { id: 'reviewer-bandai', name: '磐梯町 審査担当', email: 'reviewer@town.bandai.example', roles: [`reviewer:${BANDAI}`] },
  { id: 'treasurer-yokoze', name: '横瀬町 会計管理者', email: 'treasurer@town.yokoze.example', roles: [`treasurer:${YOKOZE}`] },
  { id: 'treasurer-yokoze-2', name: '横瀬町 会計課 副担当', email: 'treasurer2@town.yokoze.example', roles: [`treasurer:${YOKOZE}`] },
  { id: 'treasurer-bandai', name: '磐梯町 会計管理者', email: 'treasurer@town.bandai.example', roles: [`treasurer:${BANDAI}`] },
  { id: 'treasurer-ama', name: '海士町 会計管理者', email: 'treasurer@town.ama.example', roles: [`treasurer:${AMA}`] },
  { id: 'admin', name: 'ネットワーク運営', email: 'admin@kyoso.example', roles: ['admin'] },
];
