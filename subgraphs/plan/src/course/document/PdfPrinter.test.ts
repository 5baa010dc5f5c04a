import { PdfPrinter } from './PdfPrinter';

describe('the PDF printer', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('without Chromium, refuses a document saying what is missing, and starts nothing', async () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    const printer = new PdfPrinter();
    await expect(printer.print('<p>Hej</p>')).rejects.toMatchObject({
      message: expect.stringContaining('no Chromium at /nonexistent/chromium; install chromium or set CHROMIUM_PATH'),
      extensions: { code: 'DEPARTMENT_UNAVAILABLE' },
    });
    await printer.close();
  });
});
