/**
 * Semantic tokens over the protocol: unit markers, citations (resolved, broken, external),
 * document references and numbers — decoded back to `line:char text type[modifiers]`, in an
 * NFC draft and in the same draft saved as NFD with CRLF (positions in the original text).
 */
import * as assert from 'assert';
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-protocol/node';
import { editorCapabilities, TestClient } from './harness';

const LINES = [
  'CHÍNH PHỦ', //                                                            0
  'Số: 12/2025/NĐ-CP', //                                                    1
  '', //                                                                     2
  'NGHỊ ĐỊNH', //                                                            3
  'Quy định về an toàn hệ thống', //                                         4
  '', //                                                                     5
  'Chương I', //                                                             6
  'QUY ĐỊNH CHUNG', //                                                       7
  '**Điều 1.** Phạm vi', //                                                  8
  '1. Áp dụng khoản 2 Điều này và khoản 9 Điều 1.', //                       9
  '2. Theo Điều 5 của Luật Công nghệ thông tin và Nghị định số 15/2020/NĐ-CP.', // 10
  'a) Theo Nghị định này.', //                                              11
  'b) Một viện dẫn xuống dòng: khoản 1', //                                   12
  'Điều 1 của Luật Công nghệ thông tin.', //                                 13
];

describe('LSP semantic tokens', () => {
  let client: TestClient;
  let legend: SemanticTokensLegend;
  const NFC_URI = 'file:///drafts/tokens.vbpl';
  const NFD_URI = 'file:///drafts/tokens-nfd.vbpl';
  const NFD_LINES = LINES.map((l) => l.normalize('NFD'));

  before(async () => {
    client = await TestClient.start(editorCapabilities());
    legend = (client.result.capabilities.semanticTokensProvider as { legend: SemanticTokensLegend }).legend;
    await client.open(NFC_URI, LINES.join('\n'));
    await client.open(NFD_URI, `\ufeff${NFD_LINES.join('\r\n')}`);
  });
  after(async () => { await client.stop(); });

  /** Decodes the relative encoding into `line:char text type[mods]`, the text cut from `lines`. */
  async function tokens(uri: string, lines: string[]): Promise<string[]> {
    const { data } = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const out: string[] = [];
    let line = 0, char = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      char = data[i] ? data[i + 1] : char + data[i + 1];
      const mods = legend.tokenModifiers.filter((_, b) => data[i + 4] & (1 << b));
      const text = lines[line].slice(char, char + data[i + 2]);
      assert.ok(char + data[i + 2] <= lines[line].length, `token past the end of line ${line}`);
      out.push(`${line}:${char} ${text.normalize('NFC')} ${legend.tokenTypes[data[i + 3]]}[${mods.join(',')}]`);
    }
    return out;
  }

  it('announces a legend of standard types and full-document tokens', () => {
    assert.deepStrictEqual(legend.tokenTypes, ['namespace', 'class', 'enumMember', 'function', 'type', 'string']);
    assert.deepStrictEqual(legend.tokenModifiers, ['declaration', 'resolved', 'broken', 'external']);
    assert.deepStrictEqual(client.result.capabilities.semanticTokensProvider, { legend, full: true, range: false });
  });

  const EXPECTED = [
    '1:4 12/2025/NĐ-CP string[declaration]',
    '6:0 Chương I namespace[declaration]',
    '8:2 Điều 1 class[declaration]', // inside `**…**`: the marker only
    '9:0 1. enumMember[declaration]',
    '9:11 khoản 2 Điều này function[resolved]',
    '9:31 khoản 9 Điều 1 function[broken]',
    '10:0 2. enumMember[declaration]',
    '10:8 Điều 5 function[external]',
    '10:19 Luật Công nghệ thông tin type[external]',
    '10:47 Nghị định type[external]',
    '10:60 15/2020/NĐ-CP string[external]',
    '11:0 a) enumMember[declaration]',
    '11:8 Nghị định này type[resolved]',
    '12:0 b) enumMember[declaration]',
    '12:28 khoản 1 function[external]', // one citation wrapped over two lines: a token per line
    '13:0 Điều 1 function[external]',
    '13:11 Luật Công nghệ thông tin type[external]',
  ];

  it('colours markers, citations by state, document names and numbers', async () => {
    assert.deepStrictEqual(await tokens(NFC_URI, LINES), EXPECTED);
  });

  it('counts positions and lengths in the NFD + CRLF + BOM text as the user has it', async () => {
    const nfd = await tokens(NFD_URI, NFD_LINES);
    // Same tokens (texts compared in NFC), at the NFD columns.
    assert.deepStrictEqual(nfd.map((t) => t.replace(/^(\d+):\d+/, '$1')), EXPECTED.map((t) => t.replace(/^(\d+):\d+/, '$1')));
    assert.strictEqual(nfd[5], `9:${NFD_LINES[9].indexOf('khoản 9'.normalize('NFD'))} khoản 9 Điều 1 function[broken]`);
  });

  it('answers empty for unknown documents', async () => {
    assert.deepStrictEqual(await client.request('textDocument/semanticTokens/full', { textDocument: { uri: 'file:///x.vbpl' } }), { data: [] });
    assert.deepStrictEqual(client.logs.filter((l) => l.type === 1), []);
  });
});
