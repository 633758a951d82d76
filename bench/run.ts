// Benchmarks live in this folder; the production issue adds the answer-path, fan-out and memory runs.
console.log("No benchmarks yet.");
