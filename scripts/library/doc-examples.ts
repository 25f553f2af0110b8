/**
 * The TypeScript examples of docs/LIBRARY.md (the packed library's README), as files a consumer project can
 * type-check against the shipped declarations: test:pack does, so an example that no longer compiles (a
 * renamed option, a changed result type) fails CI instead of misleading the developer who copies it.
 */

/** What the examples use without defining it: the reader's own data, and a tokenizer library test:pack does not install. */
export const DOC_EXAMPLE_AMBIENT = `declare const nerBytes: Uint8Array;
declare const detBytes: Uint8Array;
declare const pixels: Float32Array;
declare const feeds: Record<string, { data: Float32Array | BigInt64Array | number[]; dims: number[] }>;
declare module '@huggingface/transformers' {
  export const AutoTokenizer: {
    from_pretrained(id: string): Promise<{
      pad_token_id: number;
      (text: string): Record<string, { data: BigInt64Array; dims: number[] }>;
    }>;
  };
}
`;

/** Every \`\`\`ts block of a Markdown text, in order. */
export function typescriptBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const fence = /^```ts\n([\s\S]*?)^```$/gm;
  for (let match = fence.exec(markdown); match; match = fence.exec(markdown)) blocks.push(match[1]!);
  return blocks;
}
