import { describe, expect, it } from 'vitest';
import { isLocalModelFile, localModelName } from './local-model-name';

const FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];

describe('localModelName', () => {
  it('names a chosen folder by the folder, wherever the .onnx file sits in it', () => {
    expect(localModelName(['my-ner/config.json', 'my-ner/onnx/model.onnx'])).toBe('my-ner');
    expect(localModelName(['bert-ner-v2/model.onnx', 'bert-ner-v2/config.json'])).toBe('bert-ner-v2');
  });
  it('names loose files by a telling .onnx file name', () => {
    expect(localModelName([...FILES, 'tiny-ner-int8.onnx'])).toBe('tiny-ner-int8');
    expect(localModelName(['GermEval.ONNX'])).toBe('GermEval');
  });
  it('passes over the names exporters give and uses the model config.json was exported from', () => {
    expect(localModelName([...FILES, 'model.onnx'], { _name_or_path: 'dslim/bert-base-NER' })).toBe(
      'dslim/bert-base-NER',
    );
    expect(localModelName(['model_quantized.onnx'], { _name_or_path: '/home/me/runs/ner-v2/' })).toBe('ner-v2');
    expect(localModelName(['model-fp16.onnx'], { _name_or_path: 'C:\\runs\\ner-v3' })).toBe('ner-v3');
  });
  it('says the files are local when nothing better is known', () => {
    expect(localModelName([...FILES, 'model.onnx'], {})).toBe('model (local files)');
    expect(localModelName([...FILES, 'model.onnx'], { _name_or_path: '  ' })).toBe('model (local files)');
    expect(localModelName([])).toBe('local model');
  });
  it('does not take a folder for a name when only the .onnx is loose', () => {
    // The first path decides nothing: the .onnx file's own path does.
    expect(localModelName(['configs/config.json', 'weights.onnx'])).toBe('weights');
  });
});

describe('isLocalModelFile', () => {
  it('keeps the weights and the three JSON files the loader reads, and leaves the rest of a folder unread', () => {
    const folder = [
      'my-ner/config.json',
      'my-ner/tokenizer.json',
      'my-ner/tokenizer_config.json',
      'my-ner/onnx/model.onnx',
      'my-ner/README.md',
      'my-ner/pytorch_model.bin',
      'my-ner/special_tokens_map.json',
    ];
    expect(folder.filter(isLocalModelFile)).toEqual(folder.slice(0, 4));
  });
});
