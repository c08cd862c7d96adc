package dev.modelgate.scanner.pickle;

import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.pickle.Values.Container;
import dev.modelgate.scanner.pickle.Values.Global;
import dev.modelgate.scanner.pickle.Values.Obj;
import dev.modelgate.scanner.pickle.Values.Str;
import java.io.IOException;

/**
 * joblib's array wrappers: after BUILD of a {@code NumpyArrayWrapper}, joblib's unpickler reads the
 * array's raw bytes straight from the stream (after an alignment pad), or for object arrays a whole
 * nested pickle, and then continues with the next opcode. A scanner that does not skip exactly
 * these bytes derails and misses the opcodes after them; this computes the length from the
 * wrapper's shape and dtype like joblib does, and fails closed when it cannot.
 */
final class JoblibArrays {
  private JoblibArrays() {}

  static Obj readArray(PickleMachine vm, Obj wrapper, long off) throws IOException {
    Obj array = new Obj(new Global("numpy", "ndarray", off));
    if (wrapper.origin.name().equals("NDArrayWrapper")) {
      return array; // the old format keeps arrays in side files, not in the stream
    }
    if (!(wrapper.state instanceof Container state) || state.kind != 'd') {
      throw unreadable(vm, "its state is not a dict", off);
    }
    long count = 1;
    if (!(state.lookup("shape") instanceof Container shape) || shape.kind != 't') {
      throw unreadable(vm, "its shape is not a tuple", off);
    }
    if (shape.count != shape.kept) {
      throw unreadable(vm, "its shape has too many dimensions", off);
    }
    for (int i = 0; i < shape.kept; i++) {
      if (!(shape.get(i) instanceof Long d) || d < 0) {
        throw unreadable(vm, "its shape holds a non-integer", off);
      }
      count = Math.multiplyHigh(count, d) != 0 ? -1 : count * d;
      if (count < 0) {
        throw unreadable(vm, "its size overflows", off);
      }
    }
    Object dtype = state.lookup("dtype");
    DType dt = DType.of(dtype);
    if (dt == null) {
      throw unreadable(vm, "its dtype is not a numpy dtype ModelGate understands", off);
    }
    PickleInput in = vm.input();
    if (dt.hasObject) {
      vm.runNested(off); // joblib calls pickle.load on the same stream
      return array;
    }
    Object align = state.lookup("numpy_array_alignment_bytes");
    if (align != null && align != Values.NONE) {
      int pad = in.read();
      if (pad < 0 || !in.skip(pad)) {
        throw new MalformedFileException("joblib array padding truncated", in.offset());
      }
    }
    long bytes = count * dt.itemSize;
    if (dt.itemSize != 0 && bytes / dt.itemSize != count) {
      throw unreadable(vm, "its size overflows", off);
    }
    if (in.offset() + bytes > in.end() || !in.skip(bytes)) {
      throw new MalformedFileException(
          "joblib array data truncated (" + bytes + " bytes expected)", in.offset());
    }
    return array;
  }

  private static MalformedFileException unreadable(PickleMachine vm, String why, long off) {
    vm.reporter()
        .report(
            Severity.HIGH,
            PickleMachine.RULE_JOBLIB,
            "a joblib array whose length cannot be computed ("
                + why
                + "): joblib reads raw bytes here, so the opcodes after it cannot be located",
            off);
    return new MalformedFileException("joblib array wrapper not understood: " + why, off);
  }

  /** The parts of a pickled numpy dtype that decide the array's byte length. */
  record DType(long itemSize, boolean hasObject) {
    static DType of(Object v) {
      if (!(v instanceof Obj o) || o.origin == null) {
        return null;
      }
      if (!o.origin.qualified().equals("numpy.dtype")) {
        return null;
      }
      if (!(o.args instanceof Container args) || !(args.get(0) instanceof Str code)) {
        return null;
      }
      String s = code.value();
      if (s.isEmpty()) {
        return null;
      }
      char kind = s.charAt(0);
      long size = -1;
      try {
        size = s.length() > 1 ? Long.parseLong(s.substring(1)) : -1;
      } catch (NumberFormatException e) {
        size = -1;
      }
      long flags = 0;
      long elsize = -1;
      if (o.state instanceof Container st && st.kind == 't' && st.count == 8) {
        if (st.get(7) instanceof Long f) {
          flags = f;
        }
        if (st.get(5) instanceof Long e) {
          elsize = e;
        }
      }
      boolean hasObject = kind == 'O' || (flags & 0x01) != 0;
      if ((kind == 'V' || kind == 'U' || kind == 'S') && elsize > 0) {
        size = elsize;
      }
      if (kind == 'M' || kind == 'm') {
        size = 8;
      }
      if (size < 0 && !hasObject) {
        return null;
      }
      return new DType(Math.max(size, 0), hasObject);
    }
  }
}
