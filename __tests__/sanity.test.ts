import * as core from '@actions/core'
import { InputError } from '../src/inputs/model.js'

test('esm works', () => {
  expect(typeof core.getInput).toBe('function')
  expect(new InputError([{ input: 'users', message: 'x' }]).message).toBe('x')
})
