// Placeholder until the WASM build lands.
