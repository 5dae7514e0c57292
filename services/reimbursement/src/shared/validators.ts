import { money } from './money';
import { ValidateBy, type ValidationOptions, buildMessage } from 'class-validator';

const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

/** A percentage as a decimal string from 0 to 100, at most 2 decimals (`"2.50"`). */
export const IsPercent = (validationOptions?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isPercent',
      validator: {
        validate: (value) =>
          typeof value === 'string' && PERCENT.test(value) && !money(value).greaterThan(100),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a percentage in a string from "0" to "100", at most 2 decimals`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
