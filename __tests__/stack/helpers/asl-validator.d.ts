/** asl-validator ships no type declarations; this is the part the stack tests use. */
declare module 'asl-validator' {
  interface ValidationResult {
    isValid: boolean
    errorsText: (separator?: string) => string
  }
  export default function aslValidator(
    definition: object,
    options?: { checkPaths?: boolean; checkArn?: boolean }
  ): ValidationResult
}
