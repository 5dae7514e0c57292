import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { type FieldError, ValidationProblemException } from './problem';

const isIndex = (property: string): boolean => /^\d+$/.test(property);

/** class-validator's error tree as flat `{ field, message }` pairs, with paths like `lines[0].quantity`. */
export const fieldErrors = (errors: ValidationError[], parent = ''): FieldError[] =>
  errors.flatMap((error) => {
    const field =
      parent === ''
        ? error.property
        : isIndex(error.property)
          ? `${parent}[${error.property}]`
          : `${parent}.${error.property}`;
    const constraints = Object.values(error.constraints ?? {});
    // A field left out fails every rule it has ("must be an integer", "must not be less than 1", ...);
    // what the client needs to hear is one thing. Optional fields never get here when absent.
    const missing = constraints.length > 0 && (error.value === undefined || error.value === null);
    const own = missing
      ? [{ field, message: 'is required' }]
      : constraints.map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });

/**
 * The pipe every app uses: unknown properties are rejected rather than silently dropped, payloads are
 * turned into DTO instances, and failures become a 400 problem with code VALIDATION_FAILED.
 */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // the value only tells a missing field from a wrong one; it never reaches the response
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => {
      const flat = fieldErrors(errors);
      // A body that is not an object at all (e.g. `[]` or `"x"`) fails with no property.
      return new ValidationProblemException(
        flat.length > 0 ? flat : [{ field: '', message: 'must be an object' }],
      );
    },
  });
