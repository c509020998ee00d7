/**
 * The demo editions' advertisements (layouts/demo/ads/*.pdf, also placed by layouts/threads): invented house and public-service
 * ads, so the demo pages are full the way a daily's are, with ads across the foot. Each is a
 * one-page PDF the size of its rectangle on the house grid, in CMYK only, its text in the project's
 * OFL fonts embedded as subsets — what an advertiser's PDF/X-1a file would be, and what
 * src/render/ads.ts preflights and places. The bytes are the same on every run: fixed dates (the
 * file ID is a hash of them) and pdfkit's subset tags come from the font's id, not chance.
 *
 *   npx tsx scripts/make-demo-ads.ts
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';

type Cmyk = [number, number, number, number];
type Emblem = 'drop' | 'book' | 'river' | 'paper' | 'crossing';

interface Ad {
  id: string;
  cols: number; lines: number; // its rectangle on the house grid (the page's `ads:` entry)
  ink: Cmyk; // the band and the title
  title: string; slogan: string; body: string[]; signed: string;
  emblem: Emblem;
}

// the house grid (banmian grid layouts/house.yaml): 117 pt columns, 9 pt gutters, 13.5 pt line pitch
// and a 9 pt body; a rectangle runs from its first line's top to its last line's foot
const width = (cols: number) => cols * 117 + (cols - 1) * 9;
const height = (lines: number) => (lines - 1) * 13.5 + 9;

const ADS: Ad[] = [
  { id: 'subscribe', cols: 8, lines: 60, ink: [0, 100, 100, 0], emblem: 'paper',
    title: '《荆州日报》2025年度征订', slogan: '读懂荆州 从一张报纸开始',
    body: ['全年 订价 000 元（示例价格）　　半年 订价 000 元（示例价格）', '邮发代号 37-00　全国各地邮局（所）均可订阅', '订阅热线 0000-0000000（示例号码）'], signed: '荆州日报社发行部' },
  { id: 'hotline', cols: 8, lines: 35, ink: [100, 60, 0, 0], emblem: 'paper',
    title: '12345 政务服务便民热线', slogan: '有事找12345 服务365天',
    body: ['咨询 求助 投诉 建议　一号受理 全天候服务'], signed: '公益广告' },
  { id: 'reading', cols: 8, lines: 23, ink: [0, 60, 100, 0], emblem: 'book',
    title: '全民阅读 书香荆州', slogan: '多读书 读好书 好读书', body: ['每月第一个周末 市图书馆免费开放借阅'], signed: '公益广告' },
  { id: 'water', cols: 8, lines: 53, ink: [100, 20, 0, 0], emblem: 'drop',
    title: '节约用水 从我做起', slogan: '珍惜每一滴水 就是珍惜我们的未来',
    body: ['一水多用　随手关紧水龙头', '及时检修漏水的管道和器具', '选用节水型器具 洗菜水可以浇花'], signed: '公益广告' },
  { id: 'crossing', cols: 8, lines: 32, ink: [0, 0, 0, 85], emblem: 'crossing',
    title: '文明出行 礼让斑马线', slogan: '车让人 人守规 出行更安全', body: ['过马路请走人行横道　红灯停 绿灯行'], signed: '公益广告' },
  { id: 'safety', cols: 8, lines: 55, ink: [0, 30, 100, 0], emblem: 'crossing',
    title: '安全生产 人人有责', slogan: '从业人员上岗前 安全培训不可少',
    body: ['隐患险于明火　防范胜于救灾', '安全生产举报电话 12350'], signed: '公益广告' },
  { id: 'river', cols: 8, lines: 53, ink: [90, 0, 60, 10], emblem: 'river',
    title: '守护长江 共建美丽荆州', slogan: '一江清水向东流',
    body: ['不向江河倾倒垃圾　不在禁渔期垂钓', '爱护岸线湿地　保护江豚和水鸟'], signed: '公益广告' },
];

const require = createRequire(import.meta.url);
const font = (pkg: string, file: string) => join(dirname(require.resolve(`${pkg}/package.json`)), file);
const HEI = font('@expo-google-fonts/noto-sans-sc', '700Bold/NotoSansSC_700Bold.ttf');
const SANS = font('@expo-google-fonts/noto-sans-sc', '400Regular/NotoSansSC_400Regular.ttf');
const SONG = font('@expo-google-fonts/noto-serif-sc', '900Black/NotoSerifSC_900Black.ttf');
const FIXED = new Date('2024-12-01T00:00:00Z');
const WHITE: Cmyk = [0, 0, 0, 0], BLACK: Cmyk = [0, 0, 0, 100];
const tint = (c: Cmyk, f: number): Cmyk => c.map((v) => Math.round(v * f)) as Cmyk;

/** A line of text centred on x, its top at y; returns its foot. */
function centred(doc: PDFKit.PDFDocument, text: string, file: string, size: number, x: number, y: number, ink: Cmyk): number {
  doc.font(file).fontSize(size).fillColor(ink);
  doc.text(text, x - doc.widthOfString(text) / 2, y, { lineBreak: false });
  return y + size * 1.45;
}

/** A simple vector picture for the ad, in a square of side s centred on (cx, cy). */
function emblem(doc: PDFKit.PDFDocument, kind: Emblem, cx: number, cy: number, s: number, ink: Cmyk): void {
  const r = s / 2;
  doc.save();
  if (kind === 'drop') {
    doc.moveTo(cx, cy - r).bezierCurveTo(cx + r * 0.2, cy - r * 0.5, cx + r * 0.75, cy - r * 0.05, cx + r * 0.75, cy + r * 0.3)
      .bezierCurveTo(cx + r * 0.75, cy + r * 0.75, cx + r * 0.4, cy + r, cx, cy + r)
      .bezierCurveTo(cx - r * 0.4, cy + r, cx - r * 0.75, cy + r * 0.75, cx - r * 0.75, cy + r * 0.3)
      .bezierCurveTo(cx - r * 0.75, cy - r * 0.05, cx - r * 0.2, cy - r * 0.5, cx, cy - r).fill(ink);
    doc.circle(cx - r * 0.3, cy + r * 0.35, r * 0.12).fill(WHITE);
  } else if (kind === 'book') {
    for (const side of [-1, 1]) {
      doc.moveTo(cx, cy - r * 0.45).lineTo(cx + side * r, cy - r * 0.6).lineTo(cx + side * r, cy + r * 0.5).lineTo(cx, cy + r * 0.65).closePath().fill(ink);
      for (let i = 0; i < 4; i++) {
        const y = cy - r * 0.3 + i * r * 0.22;
        doc.moveTo(cx + side * r * 0.15, y).lineTo(cx + side * r * 0.85, y - r * 0.1).lineWidth(r * 0.04).stroke(WHITE);
      }
    }
  } else if (kind === 'river') {
    for (let i = 0; i < 3; i++) {
      const y = cy - r * 0.5 + i * r * 0.5;
      doc.moveTo(cx - r, y).bezierCurveTo(cx - r * 0.5, y - r * 0.3, cx - r * 0.5, y + r * 0.3, cx, y)
        .bezierCurveTo(cx + r * 0.5, y - r * 0.3, cx + r * 0.5, y + r * 0.3, cx + r, y).lineWidth(r * 0.14).stroke(tint(ink, 1 - i * 0.25));
    }
  } else if (kind === 'paper') {
    doc.rect(cx - r * 0.7, cy - r, r * 1.4, r * 2).lineWidth(r * 0.03).fillAndStroke(WHITE, ink);
    doc.rect(cx - r * 0.55, cy - r * 0.85, r * 1.1, r * 0.3).fill(ink);
    for (let i = 0; i < 7; i++) doc.rect(cx - r * 0.55, cy - r * 0.4 + i * r * 0.19, i % 3 === 2 ? r * 0.6 : r * 1.1, r * 0.07).fill(tint(BLACK, 0.6));
  } else {
    for (let i = 0; i < 6; i++) doc.rect(cx - r + i * r * 0.36, cy - r * 0.5, r * 0.2, r).fill(ink);
  }
  doc.restore();
}

function render(ad: Ad, file: string): Promise<void> {
  const w = width(ad.cols), h = height(ad.lines);
  const doc = new PDFDocument({ size: [w, h], margin: 0, autoFirstPage: true,
    info: { Title: ad.title, Producer: 'banmian scripts/make-demo-ads.ts', Creator: 'banmian', CreationDate: FIXED, ModDate: FIXED } });
  const done = new Promise<void>((res, rej) => { const out = createWriteStream(file); out.on('finish', res); out.on('error', rej); doc.pipe(out); });
  // a frame, a pale ground, the ink's band across the top with the title reversed out of it
  doc.rect(0, 0, w, h).fill(tint(ad.ink, 0.08));
  doc.rect(0.75, 0.75, w - 1.5, h - 1.5).lineWidth(1.5).stroke(ad.ink);
  const band = Math.min(h * 0.34, 150);
  doc.rect(0, 0, w, band).fill(ad.ink);
  const title = Math.min(band * 0.5, w / (ad.title.length + 2));
  centred(doc, ad.title, SONG, title, w / 2, (band - title * 1.3) / 2, WHITE);
  // the emblem on the left, the words centred in the rest
  const room = h - band, s = Math.min(room * 0.6, w * 0.22);
  emblem(doc, ad.emblem, w * 0.16, band + room / 2, s, ad.ink);
  const textX = w * 0.6, lineSize = Math.min(room / (ad.body.length * 1.6 + 5), 24);
  const slogan = Math.min(lineSize * 1.6, 40);
  let y = band + (room - (slogan * 1.45 + ad.body.length * lineSize * 1.45 + lineSize * 2.2)) / 2;
  y = centred(doc, ad.slogan, HEI, slogan, textX, y, BLACK);
  for (const line of ad.body) y = centred(doc, line, SANS, lineSize, textX, y, tint(BLACK, 0.85));
  centred(doc, ad.signed, HEI, lineSize, textX, y + lineSize * 0.7, ad.ink);
  // said plainly on the ad itself: it is made up for the demo
  doc.font(SANS).fontSize(7).fillColor(tint(BLACK, 0.6)).text('banmian 演示广告（虚构）', w - 100, h - 14, { lineBreak: false });
  doc.end();
  return done;
}

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'layouts', 'demo', 'ads');
mkdirSync(dir, { recursive: true });
for (const ad of ADS) await render(ad, join(dir, `${ad.id}.pdf`));
console.log(`${ADS.length} ads in ${dir}`);
