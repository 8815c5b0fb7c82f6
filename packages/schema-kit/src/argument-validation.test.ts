import 'reflect-metadata';
import { MaxLength } from 'class-validator';
import { ArgsType, ArgumentValidationError, Field, InputType, type ResolverData } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { validateArguments } from './argument-validation.js';
import { DomainError } from './errors.js';
import { PageArgs } from './pagination.js';

@InputType()
class NoteInput {
  @Field(() => String, { nullable: true })
  @MaxLength(5)
  text?: string;
}

@ArgsType()
class SearchPageArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  @MaxLength(5)
  search?: string;
}

const page = (values: Partial<PageArgs>) => Object.assign(new PageArgs(), values);
const check = (value: unknown) => validateArguments(value, Object, {} as ResolverData);

describe('validateArguments', () => {
  it('checks page arguments by pageWindow, naming the argument at fault', async () => {
    for (const [field, size] of [['first', 0], ['first', 101], ['last', 0], ['last', 101]] as const) {
      expect(() => check(page({ [field]: size }))).toThrowError(expect.objectContaining({ field, code: 'BAD_USER_INPUT' }));
    }
    expect(() => check(page({ first: 1, last: 1 }))).toThrowError(DomainError);
    await expect(Promise.resolve(check(page({ first: 100, after: 'x' })))).resolves.toBeUndefined();
    await expect(Promise.resolve(check(page({})))).resolves.toBeUndefined();
  });

  it('checks an argument class extending PageArgs by pageWindow and its own fields by their decorators', async () => {
    const search = (values: Partial<SearchPageArgs>) => Object.assign(new SearchPageArgs(), values);
    expect(() => check(search({ first: 101 }))).toThrowError(expect.objectContaining({ field: 'first', code: 'BAD_USER_INPUT' }));
    await expect(check(search({ first: 10, search: 'too long' }))).rejects.toBeInstanceOf(ArgumentValidationError);
    await expect(Promise.resolve(check(search({ first: 10, search: 'ok' })))).resolves.toBeUndefined();
  });

  it('checks inputs with class-validator, as type-graphql does, absent fields left alone', async () => {
    await expect(check(Object.assign(new NoteInput(), { text: 'too long' }))).rejects.toBeInstanceOf(ArgumentValidationError);
    await expect(check([Object.assign(new NoteInput(), { text: 'ok' }), Object.assign(new NoteInput(), { text: 'too long' })])).rejects.toBeInstanceOf(
      ArgumentValidationError,
    );
    await expect(Promise.resolve(check(new NoteInput()))).resolves.toBeUndefined();
    await expect(Promise.resolve(check(Object.assign(new NoteInput(), { text: 'ok' })))).resolves.toBeUndefined();
    for (const plain of [null, undefined, 'text', 3]) await expect(Promise.resolve(check(plain))).resolves.toBeUndefined();
  });
});
