/**
 * Japanese first, English on request: a cookie set by the visible toggle, else Accept-Language.
 * Every visible string lives here so a page cannot ship half-translated: `en` must have every key `ja` has.
 */
export type Lang = 'ja' | 'en';
export const LANG_COOKIE = 'lang';

export function isLang(value: unknown): value is Lang {
  return value === 'ja' || value === 'en';
}

export function detectLang(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (cookie === 'ja' || cookie === 'en') return cookie;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('ja')) return 'ja';
    if (tag.startsWith('en')) return 'en';
  }
  return 'ja';
}

const ja = {
  'site.name': '共創ファンド',
  'site.nameOther': 'Kyoso Fund',
  'site.tagline': '町と町がいっしょに挑む、ふるさと納税とクラウドファンディング',
  'skip': '本文へ移動',
  'breadcrumb': 'パンくずリスト',
  'nav.label': 'メインメニュー',
  'nav.challenges': 'チャレンジ一覧',
  'nav.funds': '基金',
  'nav.towns': '町',
  'nav.simulator': '寄附控除シミュレーター',
  'nav.signIn': 'サインイン',
  'nav.signOut': 'サインアウト',
  'nav.signedInAs': '{name} さん',
  'lang.label': '言語 / Language',

  'footer.about': '共創ファンドは、横瀬町・磐梯町・海士町が共同で運営する、ふるさと納税とクラウドファンディングの仕組みです。',
  'footer.ledger': '寄附の受入から支出まで、すべてのお金の動きを公開台帳で確認できます。',
  'footer.jst': '日付はすべて日本時間(JST)です。',
  'footer.towns': '参加している町',
  'footer.nav': 'サイト内リンク',

  'home.title': '町と町の共創を、ふるさと納税で支える',
  'home.heroTitle': '町と町が、いっしょに挑戦する。',
  'home.heroBody':
    '共創ファンドは、横瀬町・磐梯町・海士町が共同で運営するふるさと納税とクラウドファンディングの仕組みです。企業や個人の提案から生まれた「チャレンジ」に、あなたが選んだ町を通して寄附できます。寄附は受領証明書の対象となり、集まったお金と使い道は公開台帳で一円単位まで確認できます。',
  'home.heroCta': 'チャレンジを見る',
  'home.heroSecondary': '控除の目安を試算する',
  'home.statOpen': '募集中のチャレンジ',
  'home.statFund': '共同基金の残高',
  'home.statTowns': '参加している町',
  'home.openChallenges': '募集中のチャレンジ',
  'home.noOpen': '現在募集中のチャレンジはありません。',
  'home.allChallenges': 'すべてのチャレンジを見る',
  'home.funds': '共同基金',
  'home.towns': '参加している町',

  'challenges.title': 'チャレンジ一覧',
  'challenges.lead': '町と企業・住民の共創から生まれた事業です。寄附は、選んだ町が受け取り、このチャレンジに使われます。',
  'challenges.count': '{n}件',
  'challenges.none': '条件に合うチャレンジはありません。',
  'filter.legend': '絞り込み',
  'filter.town': '町',
  'filter.anyTown': 'すべての町',
  'filter.status': '状況',
  'filter.anyStatus': 'すべて',
  'filter.keyword': 'キーワード',
  'filter.keywordHint': '例: 観光、教育',
  'filter.submit': '絞り込む',
  'filter.reset': '条件をクリア',

  'status.draft': '準備中',
  'status.open': '募集中',
  'status.closed': '募集終了',
  'status.in_progress': '実施中',
  'status.completed': '完了',

  'days.left': 'あと{n}日',
  'days.leftOne': 'あと1日',
  'days.today': '本日最終日',
  'days.closed': '募集終了',

  'progress.label': '達成率',
  'progress.value': '{raised}(目標 {target})・{percent}%',
  'progress.reached': '目標達成',

  'challenge.raised': '集まった金額',
  'challenge.target': '目標金額',
  'challenge.donors': '支援者数',
  'challenge.donorsCount': '{n}人',
  'challenge.deadline': '募集期限',
  'challenge.status': '状況',
  'challenge.towns': '参加する町',
  'challenge.lead': '主幹',
  'challenge.operator': '運営: {id}',
  'challenge.theme': 'テーマ',
  'challenge.about': 'このチャレンジについて',
  'challenge.donateCta': '寄附で応援する',
  'challenge.keepItAll': '目標金額に届かなくても、集まった寄附はこのチャレンジに使われます。',
  'challenge.breadcrumb': 'チャレンジ一覧',

  'donate.heading': '寄附する',
  'donate.soon': '寄附の受付はまもなく始まります。',
  'donate.soonDetail': '受付が始まると、このページから寄附先の町を選んで、カードまたはコンビニで寄附できるようになります。',

  'ledger.heading': '公開台帳',
  'ledger.intro': 'この勘定へのお金の出入りを、すべて公開しています。寄附者のお名前は、公開に同意された場合のみ表示します。',
  'ledger.byMonth': '町別・月別の受入と支出',
  'ledger.month': '月',
  'ledger.town': '町',
  'ledger.inflow': '受入',
  'ledger.outflow': '支出',
  'ledger.net': '差引',
  'ledger.total': '合計',
  'ledger.movements': '入出金の明細',
  'ledger.date': '日付',
  'ledger.kind': '区分',
  'ledger.counterpart': '寄附者など',
  'ledger.amount': '金額',
  'ledger.empty': 'まだ入出金はありません。',
  'ledger.latest': '最新の{n}件を表示しています(全{total}件)。',
  'ledger.reversal': '取消',
  'ledger.undisclosed': '—',

  'channel.individual': '個人の寄附',
  'channel.corporate': '企業版ふるさと納税',
  'channel.allocation': '基金からの配分',
  'channel.disbursement': '事業費の支出',
  'channel.opening': '期首残高',
  'channel.proxy': '代理寄附',
  'channel.fee': '決済手数料',

  'funds.title': '共同基金',
  'funds.lead': '参加する町が共同で運用する基金です。各町の持分は別々の勘定で管理され、配分には町の承認が必要です。',
  'fund.members': '参加する町',
  'fund.governance': '配分のルール',
  'fund.governance.all_drawn': '基金からチャレンジへ配分するときは、持分を拠出するすべての町の会計管理者の承認が必要です。',
  'fund.governance.quorum': '基金からチャレンジへ配分するときは、参加する町のうち{n}町以上の会計管理者の承認が必要です。',
  'fund.shares': '各町の持分',
  'fund.share': '配分可能額',
  'fund.total': '合計',
  'fund.ledgerFor': '{town}の持分',
  'fund.open': '基金の詳細',

  'towns.title': '参加している町',
  'towns.lead': '共創ファンドに参加している町です。寄附の受領証明書は、寄附を受け取った町が発行します。',
  'town.prefecture': '都道府県',
  'town.address': '役場所在地',
  'town.code': '地方公共団体コード',
  'town.challenges': '{town}のチャレンジ',
  'town.noChallenges': 'この町のチャレンジはまだありません。',
  'town.funds': '共同基金の持分',
  'town.open': '町の詳細',

  'notFound.title': 'ページが見つかりません',
  'notFound.body': 'お探しのページは見つかりませんでした。URLをご確認いただくか、トップページからお探しください。',
  'notFound.home': 'トップページへ',
} as const;

export type MessageKey = keyof typeof ja;

const en: Record<MessageKey, string> = {
  'site.name': 'Kyoso Fund',
  'site.nameOther': '共創ファンド',
  'site.tagline': 'Hometown-tax giving and crowdfunding for towns that take on challenges together',
  'skip': 'Skip to content',
  'breadcrumb': 'Breadcrumb',
  'nav.label': 'Main menu',
  'nav.challenges': 'Challenges',
  'nav.funds': 'Funds',
  'nav.towns': 'Towns',
  'nav.simulator': 'Deduction simulator',
  'nav.signIn': 'Sign in',
  'nav.signOut': 'Sign out',
  'nav.signedInAs': '{name}',
  'lang.label': 'Language / 言語',

  'footer.about': 'Kyoso Fund is a furusato-nozei (hometown tax) and crowdfunding platform run jointly by Yokoze, Bandai and Ama.',
  'footer.ledger': 'Every yen, from donation to spending, can be followed in the public ledger.',
  'footer.jst': 'All dates are Japan time (JST).',
  'footer.towns': 'Participating towns',
  'footer.nav': 'Site links',

  'home.title': 'Hometown-tax giving for towns that create together',
  'home.heroTitle': 'Towns taking on challenges together.',
  'home.heroBody':
    'Kyoso Fund is a furusato-nozei (hometown tax) and crowdfunding platform run jointly by Yokoze, Bandai and Ama. Donate to “challenges” born from proposals by companies and residents, through the town of your choice. Your donation counts for the hometown-tax deduction, and every yen raised and spent is shown in the public ledger.',
  'home.heroCta': 'See the challenges',
  'home.heroSecondary': 'Estimate your deduction',
  'home.statOpen': 'Open challenges',
  'home.statFund': 'Pooled fund balance',
  'home.statTowns': 'Participating towns',
  'home.openChallenges': 'Open challenges',
  'home.noOpen': 'No challenges are open right now.',
  'home.allChallenges': 'See all challenges',
  'home.funds': 'Pooled fund',
  'home.towns': 'Participating towns',

  'challenges.title': 'Challenges',
  'challenges.lead': 'Projects born from co-creation between towns, companies and residents. Your donation is received by the town you choose and used for the challenge.',
  'challenges.count': '{n} found',
  'challenges.none': 'No challenges match these filters.',
  'filter.legend': 'Filter',
  'filter.town': 'Town',
  'filter.anyTown': 'All towns',
  'filter.status': 'Status',
  'filter.anyStatus': 'Any',
  'filter.keyword': 'Keyword',
  'filter.keywordHint': 'e.g. tourism, school',
  'filter.submit': 'Apply',
  'filter.reset': 'Clear filters',

  'status.draft': 'Draft',
  'status.open': 'Open',
  'status.closed': 'Closed',
  'status.in_progress': 'In progress',
  'status.completed': 'Completed',

  'days.left': '{n} days left',
  'days.leftOne': '1 day left',
  'days.today': 'Last day today',
  'days.closed': 'Closed',

  'progress.label': 'Funded',
  'progress.value': '{raised} of {target} ({percent}%)',
  'progress.reached': 'Target reached',

  'challenge.raised': 'Raised',
  'challenge.target': 'Target',
  'challenge.donors': 'Supporters',
  'challenge.donorsCount': '{n}',
  'challenge.deadline': 'Deadline',
  'challenge.status': 'Status',
  'challenge.towns': 'Participating towns',
  'challenge.lead': 'Lead',
  'challenge.operator': 'Operator: {id}',
  'challenge.theme': 'Theme',
  'challenge.about': 'About this challenge',
  'challenge.donateCta': 'Support with a donation',
  'challenge.keepItAll': 'Even if the target is not reached, every donation still goes to this challenge.',
  'challenge.breadcrumb': 'Challenges',

  'donate.heading': 'Donate',
  'donate.soon': 'Donations will open soon.',
  'donate.soonDetail': 'Once they open, you will be able to choose the receiving town and donate by card or at a convenience store from this page.',

  'ledger.heading': 'Public ledger',
  'ledger.intro': 'Every movement of money in and out of this account is public. Donor names appear only where the donor agreed.',
  'ledger.byMonth': 'Inflows and outflows by town and month',
  'ledger.month': 'Month',
  'ledger.town': 'Town',
  'ledger.inflow': 'In',
  'ledger.outflow': 'Out',
  'ledger.net': 'Net',
  'ledger.total': 'Total',
  'ledger.movements': 'Movements',
  'ledger.date': 'Date',
  'ledger.kind': 'Kind',
  'ledger.counterpart': 'Counterpart',
  'ledger.amount': 'Amount',
  'ledger.empty': 'No movements yet.',
  'ledger.latest': 'Showing the latest {n} of {total} movements.',
  'ledger.reversal': 'reversal',
  'ledger.undisclosed': '—',

  'channel.individual': 'Individual donation',
  'channel.corporate': 'Corporate hometown-tax donation',
  'channel.allocation': 'Allocation from a fund',
  'channel.disbursement': 'Project spending',
  'channel.opening': 'Opening balance',
  'channel.proxy': 'Proxy donation',
  'channel.fee': 'Payment fee',

  'funds.title': 'Pooled funds',
  'funds.lead': 'Funds the member towns run together. Each town’s share is kept in its own account, and allocations need the towns’ approval.',
  'fund.members': 'Member towns',
  'fund.governance': 'Allocation rule',
  'fund.governance.all_drawn': 'An allocation from the fund to a challenge needs the approval of the treasurer of every town whose share it draws on.',
  'fund.governance.quorum': 'An allocation from the fund to a challenge needs the approval of the treasurers of at least {n} member towns.',
  'fund.shares': 'Each town’s share',
  'fund.share': 'Available',
  'fund.total': 'Total',
  'fund.ledgerFor': '{town} share',
  'fund.open': 'Fund details',

  'towns.title': 'Participating towns',
  'towns.lead': 'The towns that run Kyoso Fund. The town that receives your donation issues its receipt.',
  'town.prefecture': 'Prefecture',
  'town.address': 'Town office',
  'town.code': 'Local government code',
  'town.challenges': 'Challenges in {town}',
  'town.noChallenges': 'This town has no challenges yet.',
  'town.funds': 'Shares in pooled funds',
  'town.open': 'About the town',

  'notFound.title': 'Page not found',
  'notFound.body': 'We could not find that page. Please check the address, or start again from the home page.',
  'notFound.home': 'Back to the home page',
};

const messages: Record<Lang, Record<MessageKey, string>> = { ja, en };

/** `{name}` placeholders are filled from params; a missing param stays visible rather than vanishing. */
export function t(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const text = messages[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

/** Picks the field written for the reader's language (catalog items carry both). */
export function pick(lang: Lang, ja: string, en: string): string {
  return lang === 'en' && en ? en : ja;
}
