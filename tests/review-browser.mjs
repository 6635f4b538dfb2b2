// review-browser.mjs: the management review pack in a real browser.
//
//   node tests/review-browser.mjs PACK.html PACK.pdf
//
// Opens the pack from a file in Debian's Chromium (playwright-core, no
// browser download), records every request and console message, prints it
// to PDF on A4 with the page's own print CSS (page.pdf()), and prints one
// JSON line: the requests other than the page itself, the console errors,
// the page errors, the section headings (h2) in order, the running
// header's text (from the print CSS) and whether a script element exists.
// Exits 0 when it ran (the test judges what it saw), 2 when the browser
// could not be started or the run timed out.
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const ARGS = [
	"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
	"--no-first-run", "--disable-background-networking",
	"--disable-component-update", "--disable-sync",
];
const [html, pdf] = process.argv.slice(2);
if (!html || !pdf) {
	console.error("usage: node tests/review-browser.mjs PACK.html PACK.pdf");
	process.exit(64);
}
const url = pathToFileURL(html).href;
const seen = { requests: [], console: [], pageErrors: [] };
let browser;
const timer = setTimeout(async () => {
	console.error("review-browser: gave up after 30000 ms");
	try { await browser?.close(); } catch { /* going anyway */ }
	process.exit(2);
}, 30000);
try {
	browser = await chromium.launch({
		executablePath: "/usr/bin/chromium", headless: true, args: ARGS,
		timeout: 10000,
	});
	const page = await browser.newPage();
	page.on("request", (r) => { if (r.url() !== url) seen.requests.push(r.url()); });
	page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") seen.console.push(m.text()); });
	page.on("pageerror", (e) => seen.pageErrors.push(String(e)));
	await page.goto(url, { waitUntil: "load", timeout: 10000 });
	seen.headings = await page.$$eval("h2", (v) => v.map((h) => h.textContent.trim()));
	seen.scripts = await page.$$eval("script", (v) => v.length);
	seen.header = await page.$eval("html", (e) => e.getAttribute("data-running-header"));
	await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
	await browser.close();
	clearTimeout(timer);
	console.log(JSON.stringify(seen));
	process.exit(0);
} catch (e) {
	console.error(`review-browser: ${e}`);
	try { await browser?.close(); } catch { /* going anyway */ }
	process.exit(2);
}
