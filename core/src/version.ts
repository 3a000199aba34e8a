/** Rubric's version, as `rubric --version` prints it and every compiled engine records it (`meta.compilerVersion`). */
export const COMPILER_VERSION = '0.1.0';
