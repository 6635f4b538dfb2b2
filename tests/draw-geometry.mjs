// draw-geometry.mjs: the drawn wheel's geometry as a real browser lays it
// out, and the overview page as a person's browser loads it.
//
//   node tests/draw-geometry.mjs svg FILE.svg ...
//   node tests/draw-geometry.mjs html URL
//
// Drives Debian's Chromium (/usr/bin/chromium) with playwright-core; it
// never downloads a browser.  For each SVG (opened as a file), with
// getBoundingClientRect() (screen-space, axis-aligned boxes) and the root's
// screen transformation: every mark's centre lies at its due date's angle
// ((day of year - 0.5) / days in the year x 360 degrees, clockwise from 12
// o'clock, computed here from data-due), within 1 degree, and between the
// radii of its ring (data-ring, and that ring name's data-r-in and
// data-r-out); no two labels overlap; no label overlaps a mark; every
// drawn element lies inside the picture; every mark has a label that names
// its activity and due date (grouped labels name several), and only marks
// and labels carry data-due; no mark holds a <text>.  For the page (a
// URL): only the page itself is requested, no console message of level
// error and no page error, no script, and the number of table rows.
// Prints one JSON line per file with what it saw and "problems"; exits 0,
// 1 when there is a problem, 2 when the browser could not be used.
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
	"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
	"--no-first-run", "--disable-background-networking",
	"--disable-component-update", "--disable-sync",
];
const STEP_MS = 20000;
const ALL_MS = 90000;

const [mode, ...files] = process.argv.slice(2);
if (!["svg", "html"].includes(mode) || files.length === 0) {
	console.error("usage: node tests/draw-geometry.mjs svg FILE.svg ... | html URL");
	process.exit(64);
}

let browser;
const timer = setTimeout(async () => {
	console.error(`draw-geometry: gave up after ${ALL_MS} ms`);
	try { await browser?.close(); } catch { /* going anyway */ }
	process.exit(2);
}, ALL_MS);

// Runs in the page: the checks on one SVG document.
function svgChecks() {
	const problems = [];
	const svg = document.documentElement;
	const cx = parseFloat(svg.getAttribute("data-cx"));
	const cy = parseFloat(svg.getAttribute("data-cy"));
	const inv = svg.getScreenCTM().inverse();
	const user = (x, y) => new DOMPoint(x, y).matrixTransform(inv);
	const pic = svg.getBoundingClientRect();
	const overlap = (a, b) => a.left < b.right && b.left < a.right &&
		a.top < b.bottom && b.top < a.bottom;
	const isoDay = (s) => {
		const [y, m, d] = s.split("-").map(Number);
		const t = Date.UTC(y, m - 1, d);
		const doy = (t - Date.UTC(y, 0, 1)) / 86400000 + 1;
		const n = (Date.UTC(y + 1, 0, 1) - Date.UTC(y, 0, 1)) / 86400000;
		return (doy - 0.5) / n * 360;
	};
	if (!(cx > 0 && cy > 0))
		problems.push("the root <svg> has no data-cx/data-cy");
	const rings = {};
	for (const r of svg.querySelectorAll(".ring-name"))
		rings[r.getAttribute("data-ring")] = [
			parseFloat(r.getAttribute("data-r-in")),
			parseFloat(r.getAttribute("data-r-out"))];
	const marks = [...svg.querySelectorAll(".mark")];
	const labels = [...svg.querySelectorAll(".label")];
	const markRects = marks.map((m) => m.getBoundingClientRect());
	const labelRects = labels.map((l) => l.getBoundingClientRect());
	// "activity due" -> [marks, labels naming it]: a weekly activity's
	// occurrences shifted before a closing share a due date.
	const want = new Map();
	let worst = 0;
	marks.forEach((m, i) => {
		const r = markRects[i];
		const p = user((r.left + r.right) / 2, (r.top + r.bottom) / 2);
		const due = m.getAttribute("data-due") || "";
		const act = m.getAttribute("data-activity") || "";
		const what = `mark ${act} ${due}`;
		if (!/^\d{4}-\d\d-\d\d$/.test(due) || !act ||
		    !m.getAttribute("data-status")) {
			problems.push(`${what}: data-activity, data-due or data-status missing`);
			return;
		}
		const w = want.get(`${act} ${due}`) || [0, 0];
		want.set(`${act} ${due}`, [w[0] + 1, w[1]]);
		let ang = Math.atan2(p.x - cx, cy - p.y) * 180 / Math.PI;
		if (ang < 0)
			ang += 360;
		let diff = Math.abs(ang - isoDay(due));
		diff = Math.min(diff, 360 - diff);
		worst = Math.max(worst, diff);
		if (diff > 1)
			problems.push(`${what}: at ${ang.toFixed(2)} degrees, its date is at ${isoDay(due).toFixed(2)}`);
		const ring = rings[m.getAttribute("data-ring")];
		const dist = Math.hypot(p.x - cx, p.y - cy);
		if (!ring || dist < ring[0] || dist > ring[1])
			problems.push(`${what}: ${dist.toFixed(1)} from the centre, not in ring ${m.getAttribute("data-ring")} ${ring}`);
		if (m.querySelector("text"))
			problems.push(`${what}: holds a <text>`);
		if (!m.querySelector("title"))
			problems.push(`${what}: has no <title>`);
	});
	labels.forEach((l, i) => {
		const acts = (l.getAttribute("data-activity") || "").split(" ");
		const dues = (l.getAttribute("data-due") || "").split(" ");
		if (l.tagName !== "text" && !l.querySelector("text"))
			problems.push(`label ${i}: not a <text>`);
		if (acts.length !== dues.length)
			problems.push(`label ${i}: ${acts.length} activities, ${dues.length} dates`);
		acts.forEach((a, k) => {
			const key = `${a} ${dues[k]}`;
			if (!want.has(key))
				problems.push(`label ${i}: names ${key}, which has no mark`);
			else
				want.get(key)[1]++;
		});
		for (let j = i + 1; j < labels.length; j++)
			if (overlap(labelRects[i], labelRects[j]))
				problems.push(`labels overlap: "${l.textContent}" and "${labels[j].textContent}"`);
		markRects.forEach((r, k) => {
			if (overlap(labelRects[i], r))
				problems.push(`label "${l.textContent}" overlaps mark ${marks[k].getAttribute("data-activity")} ${marks[k].getAttribute("data-due")}`);
		});
	});
	for (const [key, [m, n]] of want)
		if (n !== m)
			problems.push(`${key}: ${m} marks, named by ${n} labels`);
	for (const e of svg.querySelectorAll("[data-due]"))
		if (!e.classList.contains("mark") && !e.classList.contains("label"))
			problems.push(`a <${e.tagName}> that is neither mark nor label carries data-due`);
	for (const e of svg.querySelectorAll("text, path, circle, rect, line, polyline")) {
		const r = e.getBoundingClientRect();
		if (r.width === 0 && r.height === 0)
			continue;
		if (r.left < pic.left - 0.5 || r.right > pic.right + 0.5 ||
		    r.top < pic.top - 0.5 || r.bottom > pic.bottom + 0.5)
			problems.push(`<${e.tagName}> "${e.textContent.slice(0, 30)}" lies outside the picture`);
	}
	const grouped = labels.filter((l) => l.getAttribute("data-due").includes(" ")).length;
	return {
		marks: marks.length, labels: labels.length, grouped,
		rings: Object.keys(rings).length,
		worstDegrees: Number(worst.toFixed(3)),
		labelTexts: labels.map((l) => l.firstChild ? l.firstChild.textContent : ""),
		problems,
	};
}

async function checkSvg(page, file) {
	await page.goto(pathToFileURL(file).href, { timeout: STEP_MS });
	const seen = await page.evaluate(svgChecks);
	seen.file = file;
	return seen;
}

async function checkHtml(page, url) {
	const requests = [], consoleErrors = [], pageErrors = [];
	page.on("request", (r) => requests.push(r.url()));
	page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
	page.on("pageerror", (e) => pageErrors.push(String(e)));
	const resp = await page.goto(url, { timeout: STEP_MS, waitUntil: "load" });
	const seen = await page.evaluate(() => ({
		rows: document.querySelectorAll("tbody tr").length,
		scripts: document.querySelectorAll("script").length,
		svgs: document.querySelectorAll("svg").length,
		marks: document.querySelectorAll("svg .mark").length,
		months: [...document.querySelectorAll("h2")].map((h) => h.textContent),
		links: document.querySelectorAll("link, img, iframe, object, embed").length,
	}));
	seen.status = resp ? resp.status() : 0;
	seen.requests = requests;
	seen.consoleErrors = consoleErrors;
	seen.pageErrors = pageErrors;
	seen.problems = [];
	if (requests.length !== 1 || requests[0] !== url)
		seen.problems.push(`requests other than the page: ${requests.join(" ")}`);
	if (consoleErrors.length || pageErrors.length)
		seen.problems.push("console or page errors");
	if (seen.scripts || seen.links)
		seen.problems.push("a script or an external resource element");
	if (seen.svgs !== 1)
		seen.problems.push(`${seen.svgs} <svg> elements`);
	return seen;
}

let failed = false;
try {
	browser = await chromium.launch({
		executablePath: CHROMIUM, headless: true, args: ARGS, timeout: STEP_MS,
	});
} catch (e) {
	console.error(`draw-geometry: cannot start ${CHROMIUM}: ${e.message}`);
	process.exit(2);
}
try {
	const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
	for (const f of files) {
		const page = await ctx.newPage();
		const seen = mode === "svg" ? await checkSvg(page, f) : await checkHtml(page, f);
		if (mode === "html")
			seen.url = f.replace(/\/w\/(.{4})[^/]*/, "/w/$1...");
		console.log(JSON.stringify(seen));
		for (const p of seen.problems.slice(0, 20))
			console.error(`${mode === "svg" ? f : "page"}: ${p}`);
		failed ||= seen.problems.length > 0;
		await page.close();
	}
} catch (e) {
	console.error(`draw-geometry: ${e.message}`);
	clearTimeout(timer);
	await browser.close();
	process.exit(2);
}
clearTimeout(timer);
await browser.close();
process.exit(failed ? 1 : 0);
