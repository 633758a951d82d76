/** A mistake the user can fix: shown to them (privately where the platform allows), never logged as a bug. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

/** A form filled in wrongly: the message, and what is wrong with each field, for platforms that show it in the form. */
export class FormError extends UserError {
  constructor(
    message: string,
    readonly fields: Record<string, string>,
  ) {
    super(message);
    this.name = "FormError";
  }
}

/** The store could not be reached: the user is asked to try again shortly. */
export class UnavailableError extends Error {
  constructor(cause?: unknown) {
    super("The study data is temporarily unavailable.", { cause });
    this.name = "UnavailableError";
  }
}

/** The answer to a button or form id the bot did not make, or made for something long gone. */
export function unknownAction(): UserError {
  return new UserError("That button is not one of mine, or it is out of date.");
}
