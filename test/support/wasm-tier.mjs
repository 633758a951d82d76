// Preloaded (--import, with --allow-natives-syntax) into a bot process by test/lazy-platforms.test.ts:
// on exit, makes a WebAssembly function hot and names on stderr the compiler that ends up running it
// ("turbofan" once V8 has tiered it up, "liftoff" if it never does within a second).
import { writeSync } from "node:fs";

// (module (func (export "f") (param i32) (result i32) local.get 0 i32.const 1 i32.add))
const ADD_ONE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 1, 127, 1, 127, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 9, 1, 7, 0,
  32, 0, 65, 1, 106, 11,
]);
// V8's test intrinsics are syntax, so they are compiled here rather than written in this module.
const isTurboFan = new Function("f", "return %IsTurboFanFunction(f)");

process.on("exit", () => {
  const addOne = new WebAssembly.Instance(new WebAssembly.Module(ADD_ONE)).exports.f;
  let x = 0;
  const deadline = Date.now() + 1000;
  while (!isTurboFan(addOne) && Date.now() < deadline) for (let i = 0; i < 100_000; i++) x = addOne(x);
  writeSync(2, `\nWASM TIER ${isTurboFan(addOne) ? "turbofan" : "liftoff"}\n`);
});
