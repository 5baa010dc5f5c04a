import { existsSync } from 'node:fs';
import { errors } from '@enplan/lib';
import type { Browser } from 'playwright-core';

/** Debian's Chromium, as the browser tests use it (test/src/browser.ts); none is downloaded. */
const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Prints HTML to an A4 PDF with Chromium's own print (playwright-core). Chromium is needed only
 * here: the plan subgraph starts without it, launches it on the first document (and keeps it for
 * the next, a launch costs a second), and a document asked for on a machine without it is refused
 * with a message saying what is missing.
 */
export class PdfPrinter {
  private browser: Promise<Browser> | undefined;

  async print(html: string): Promise<Buffer> {
    const page = await (await this.launched()).newPage();
    try {
      // The document is self-contained: nothing may be fetched while it is printed.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', margin: { top: '2cm', bottom: '2cm', left: '2cm', right: '2cm' } });
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    await (await browser?.catch(() => undefined))?.close();
  }

  private launched(): Promise<Browser> {
    const executablePath = chromiumPath();
    if (!existsSync(executablePath))
      throw errors.departmentUnavailable(`PDF printer (no Chromium at ${executablePath}; install chromium or set CHROMIUM_PATH)`);
    this.browser ??= import('playwright-core').then(({ chromium }) =>
      chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] }),
    );
    // A failed launch is not kept: the next document tries again.
    this.browser.catch(() => (this.browser = undefined));
    return this.browser;
  }
}
