import * as tf from '@tensorflow/tfjs';

import { type LayerClass, registeredLayer } from './tfjs_classes.js';

type Kwargs = Record<string, unknown>;
type ApplyArg = tf.Tensor | tf.Tensor[] | tf.SymbolicTensor | tf.SymbolicTensor[];

/**
 * The call arguments a recurrent layer given initial states may write to: a copy.
 *
 * TF.js 4.22's `RNN.apply` stores the initial states it is handed (as extra inputs, Keras's
 * `initial_state`) in its `kwargs` argument, and TF.js's predict hands one `kwargs` object to
 * every layer of a forward pass once the model holds a padding mask (`engine/executor.js`). Every
 * later recurrent layer would then read those states as its own, and throw ("When inputs is an
 * array, neither initialState or constants should be provided") when handed its inputs as a list.
 */
export function ownCallArgs(kwargs: Kwargs | undefined): Kwargs | undefined {
  return kwargs === undefined || kwargs === null ? kwargs : { ...kwargs };
}

/**
 * The call arguments without the padding mask where `paddingMask` is false: Keras 3 (3.15) hands
 * no mask to a recurrent layer called with `initial_state` (its call then has two tensor
 * arguments, and Keras fills `mask` for one only), though its output still carries the input's.
 */
export function maskedCallArgs(kwargs: Kwargs, paddingMask: boolean): Kwargs {
  return paddingMask ? kwargs : { ...kwargs, mask: null };
}

/** TF.js's recurrent class `base` handed initial states, registered as `className`. */
function givenStates(base: string, className: string): LayerClass & { className: string } {
  const Base = registeredLayer(base);
  class GivenStates extends Base {
    static readonly className = className;
    static readonly kerasClassName = base;
    /** Whether the layer reads the padding mask of its sequence (see {@link maskedCallArgs}). */
    private readonly paddingMask: boolean;

    constructor(args: tf.serialization.ConfigDict) {
      const { paddingMask, ...rest } = args;
      super(rest);
      this.paddingMask = paddingMask !== false;
    }

    apply(inputs: ApplyArg, kwargs?: Kwargs): ApplyArg {
      return super.apply(inputs, ownCallArgs(kwargs));
    }

    call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
      return super.call(inputs, maskedCallArgs(kwargs, this.paddingMask));
    }

    getConfig(): tf.serialization.ConfigDict {
      return { ...super.getConfig(), paddingMask: this.paddingMask };
    }
  }
  return GivenStates;
}

/**
 * Keras's `SimpleRNN`, `LSTM` and `GRU` (`reset_after=False`) called with `initial_state`: TF.js's
 * layers but for the call arguments they write to ({@link ownCallArgs}) and the mask they read
 * ({@link maskedCallArgs}). The kernel's translation uses these classes only for the layers handed
 * states; the others read no states but their own.
 */
export const INITIAL_STATE_CLASSES = [
  givenStates('SimpleRNN', 'LayervizInitialStateSimpleRNN'),
  givenStates('LSTM', 'LayervizInitialStateLSTM'),
  givenStates('GRU', 'LayervizInitialStateGRU')
];
