import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { INITIAL_STATE_CLASSES } from '../src/custom_recurrent.js';
import { listLayers, registerCustomObjects, ResetAfterGRU, truncate } from '../src/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerCustomObjects();
});

type Layer = tf.layers.Layer;
type Sym = tf.SymbolicTensor;

const [, InitialStateLSTM] = INITIAL_STATE_CLASSES as unknown as [
  unknown,
  new (args: tf.serialization.ConfigDict) => Layer
];

/** Tokens with padding (0) after the second step of the first row. */
const tokens = (): tf.Tensor =>
  tf.tensor2d(
    [
      [3, 5, 0, 0],
      [2, 7, 1, 4]
    ],
    [2, 4],
    'int32'
  );

/**
 * An encoder LSTM returning its states into a decoder handed them as initial states, then an
 * LSTM handed none, over masked tokens; weights drawn from a fixed seed.
 */
function encoderDecoder(decoder: Layer): { model: tf.LayersModel; after: Layer } {
  const input = tf.input({ shape: [4], dtype: 'int32' });
  const embedded = tf.layers
    .embedding({ inputDim: 10, outputDim: 3, maskZero: true, name: 'embed' })
    .apply(input) as Sym;
  const init = { kernelInitializer: tf.initializers.randomNormal({ seed: 1 }) };
  const encoder = tf.layers.lstm({ units: 2, returnState: true, name: 'enc', ...init });
  const [, h, c] = encoder.apply(embedded) as Sym[];
  const seq = decoder.apply([embedded, h as Sym, c as Sym]) as Sym;
  const after = tf.layers.lstm({ units: 2, name: 'after', ...init });
  return { model: tf.model({ inputs: input, outputs: after.apply(seq) as Sym }), after };
}

describe('recurrent layers handed initial states', () => {
  it('leave a later recurrent layer in a masked model its own zero states', () => {
    const decoder = new InitialStateLSTM({ units: 2, returnSequences: true, name: 'dec' });
    const { model, after } = encoderDecoder(decoder);
    const x = tokens();
    const got = model.predict(x) as tf.Tensor;
    // The same layer called alone on the decoder's sequence, with its mask.
    const seq = truncate(model, 'dec').predict(x) as tf.Tensor;
    const want = after.apply(seq, { mask: tf.notEqual(x, 0) }) as tf.Tensor;
    expect(Array.from(got.dataSync())).toEqual(Array.from(want.dataSync()));
  });

  it('with TF.js own LSTM, throw in a masked model (why the layerviz class exists)', () => {
    const decoder = tf.layers.lstm({ units: 2, returnSequences: true, name: 'dec' });
    const { model } = encoderDecoder(decoder);
    expect(() => model.predict(tokens())).toThrow(/neither initialState or constants/);
  });

  it('read no padding mask where Keras hands none (paddingMask false)', () => {
    const decoder = new InitialStateLSTM({
      units: 2,
      returnSequences: true,
      name: 'dec',
      paddingMask: false
    });
    const { model } = encoderDecoder(decoder);
    const seq = (truncate(model, 'dec').predict(tokens()) as tf.Tensor).arraySync() as number[][][];
    // Masked, steps 2 and 3 of the padded row would repeat step 1; unmasked they move on.
    const [step1, step2] = [seq[0]?.[1], seq[0]?.[2]];
    expect(step2).not.toEqual(step1);
  });

  it('show their first output (the sequence), as Keras layer.output[0]', () => {
    const decoder = new InitialStateLSTM({ units: 2, returnSequences: true, name: 'dec' });
    const { model } = encoderDecoder(decoder);
    const enc = listLayers(model).find((layer) => layer.name === 'enc');
    expect(enc?.outputShape).toEqual([null, 2]);
    const last = truncate(model, 'enc').predict(tokens()) as tf.Tensor;
    expect(last.shape).toEqual([2, 2]);
  });

  it('keep ResetAfterGRU paddingMask through its config', () => {
    const gru = new ResetAfterGRU({ units: 2, paddingMask: false } as never);
    expect(gru.getConfig()['paddingMask']).toBe(false);
  });
});
