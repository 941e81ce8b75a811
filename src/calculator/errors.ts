/**
 * The one error type the calculator throws. Every degenerate input PyTorch rejects (and every
 * malformed input the calculator cannot compute on) raises a `CalculatorError` instead of
 * returning a silent NaN.
 */

export type CalculatorErrorCode =
  /** The tensor (or the text given to `parseTensor`) holds no values. */
  | 'EMPTY_INPUT'
  /** `data.length` does not match the shape, or a parameter has the wrong length. */
  | 'SHAPE_MISMATCH'
  /** A shape entry is not a positive integer, or the shape has too few dimensions. */
  | 'INVALID_SHAPE'
  /** The tensor rank does not match the module (e.g. BatchNorm2d given a 3D input). */
  | 'WRONG_RANK'
  /** Training-mode statistics from a single value per channel (PyTorch raises). */
  | 'TOO_FEW_VALUES_PER_CHANNEL'
  /** Instance norm over a single spatial element (PyTorch raises). */
  | 'TOO_FEW_SPATIAL_ELEMENTS'
  /** Group norm whose channel count is not a multiple of the group count. */
  | 'GROUPS_NOT_DIVISIBLE'
  /** A scalar parameter (momentum, num_groups, ...) is out of range or not a number. */
  | 'INVALID_PARAMETER'
  /** `parseTensor` could not read the text. */
  | 'PARSE_ERROR';

/** The Python exception class PyTorch raises for the same input, when it raises one. */
export type PythonErrorType = 'ValueError' | 'RuntimeError';

export class CalculatorError extends Error {
  override readonly name = 'CalculatorError';

  /**
   * @param code machine-readable reason
   * @param message human-readable text; where PyTorch raises, it is PyTorch's own message
   * @param pythonType the exception class PyTorch raises for this input, if it raises
   */
  constructor(
    readonly code: CalculatorErrorCode,
    message: string,
    readonly pythonType?: PythonErrorType,
  ) {
    super(message);
  }
}

/** Throws `CalculatorError(code, message)` unless `condition` holds. */
export function ensure(condition: boolean, code: CalculatorErrorCode, message: string, pythonType?: PythonErrorType): asserts condition {
  if (!condition) throw new CalculatorError(code, message, pythonType);
}
