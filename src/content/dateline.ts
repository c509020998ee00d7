/**
 * 电头 and 署名: the dateline that opens a news story and the byline that names who wrote it, in
 * the forms papers and wires use — 本报讯（记者胡嫚嫚 通讯员胡云飞）, 本报北京12月8日电, 新华社北京
 * 12月8日电（记者 张三）, 搜狐体育讯, 中国经济网讯, 央视网消息, 【大纪元2024年12月8日讯】,
 * 中央社記者吳柏緯台北8日電, 本報訊 — and 本报记者 张三 李四, □川报集团特派记者 王小玲, 记者 张三 摄.
 * One recogniser for the story loader (a dateline left at the start of the body is set in the
 * house dateline style), import (the dateline goes into the front matter) and the copy lint (the
 * space after a dateline and between names is part of the form, not a stray space).
 */

/** A dateline at the start of a text; offsets in that text. */
export interface Dateline {
  text: string; // the dateline as written, its parentheses of names included
  end: number; // the offset after it
  body: number; // where the copy after it starts: its separating white space skipped
  names?: [number, number]; // the parentheses naming the writers (记者 张三 李四), whose spaces separate names
}

const HAN = '\\p{Script=Han}';
const NUM = '(?:[0-9０-９]{1,4}|[〇零一二三四五六七八九十]{1,3})';
const DATE = `(?:${NUM}年)?(?:${NUM}月)?${NUM}日`;
/** Who sends it: this paper, a wire, a site or station (the name ends in what it is). */
const SOURCE = `(?:本报|本報|本台|本刊|本网|本網|[${HAN}A-Za-z]{1,10}?(?:社|网|網|报|報|台|站|端|号|號|新闻|新聞))`;
/** A 讯 may also follow a site's channel: 搜狐体育讯, 新浪财经讯. */
const CHANNEL = `(?:${SOURCE}|[${HAN}A-Za-z]{1,10}?(?:体育|體育|财经|財經|娱乐|娛樂|科技|汽车|汽車|频道|頻道|客户端|客戶端))`;
const SPACE = '[ \\t\\u3000\\u00a0]';

const NOT_WORD = '(?![话話视視脑腦力影子池线線器梯车車站网網邮郵气氣台厂廠告报報流压壓费費量源商竞競缆纜])'; // 电话, 电视, 电网 …
// 新华社北京12月8日电, 本报北京12月8日电, 中央社記者吳柏緯台北8日電; 据新华社电 without a date
const WIRE = new RegExp(`^(?:(?:据|據)?${SOURCE}[${HAN}·・ \\u3000]{0,16}?${DATE}(?:专|專|英文)?|(?:据|據)${SOURCE})[电電]${NOT_WORD}`, 'u');
// 本报讯, 新京报讯, 搜狐体育讯, 本報訊, 央视网消息（…）; not 通讯员, 通讯录, 电视台消息称
const NEWS = new RegExp(`^(?:据|據)?${CHANNEL}(?:[讯訊](?![员員录錄号號问問社])|消息(?=${SPACE}|[（(：:]))`, 'u');
// 【大纪元2024年12月8日讯】, 〔記者王小明／台北報導〕, （中央社台北8日電）
const BRACKETED = /^(?:[【〔［[][^】〕］\]\n]{1,40}?(?:[讯訊电電]|报道|報導|报导|報道)[】〕］\]]|[（(][^（）()\n]{1,40}?[电電][）)])/u;
const BRACKET_SOURCE = new RegExp(`社|报|報|网|網|台|记者|記者|${DATE}`, 'u');
const WRITERS = /^[ \t\u3000\u00a0]*([（(])([^（）()\n。，；！？]{1,60})[）)]/u;

/** The dateline that opens `s`, if it opens with one. */
export function leadingDateline(s: string): Dateline | undefined {
  let end: number | undefined;
  const bracket = BRACKETED.exec(s);
  if (bracket && BRACKET_SOURCE.test(bracket[0])) end = bracket[0].length;
  else end = (WIRE.exec(s) ?? NEWS.exec(s))?.[0].length;
  if (end === undefined) return undefined;
  let names: [number, number] | undefined;
  const w = bracket ? null : WRITERS.exec(s.slice(end));
  if (w) {
    const open = end + w[0].indexOf(w[1]!);
    names = [open, end + w[0].length];
    end = names[1];
  }
  let body = end;
  while (body < s.length && /[ \t\u3000\u00a0]/.test(s[body]!)) body++;
  return { text: s.slice(0, end), end, body, ...(names ? { names } : {}) };
}

/** What a writer is: 记者, 通讯员, 实习生, 摄影 … */
const ROLE = /记者|記者|通讯员|通訊員|实习生|實習生|撰稿|摄影|攝影|编辑|編輯|撰文|采写|採寫|供稿|[文图圖][/／]/u;
/** Names and roles only, separated by spaces: □川报集团特派记者 王小玲　本报记者 黄泽君, （记者 张三 摄） */
const BYLINE = new RegExp(`^[□■◇◆●○◎▲△★☆]?${SPACE}*[（(]?(?:[${HAN}·・/／]+${SPACE}*)+[）)]?$`, 'u');

/** True when the whole of `s` is a byline (署名), whose spaces separate names. */
export function isByline(s: string): boolean {
  const t = s.trim();
  return t.length > 0 && t.length <= 60 && ROLE.test(t) && BYLINE.test(t) && !leadingDateline(t);
}
