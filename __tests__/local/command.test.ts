import { definesLoadShape } from '../../src/run/locustfile.js'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { masterArgs, parseLocustVersion, workerArgs } from '../../src/backend/local/command.js'
import { pythonFromShebang } from '../../src/backend/local/locust-runtime.js'
import { EXAMPLES, runConfig } from '../support/helpers.js'

const config = runConfig({
  locustfile: '/app/locustfile.py',
  resultsDir: '/app/results',
  host: 'http://127.0.0.1:8080',
  users: 50,
  spawnRate: 10,
  runTime: '1m30s',
  runTimeSeconds: 90,
  workers: 3,
  locustArgs: ['--stop-timeout', '5', 'Shopper']
})

test('the master binds loopback, waits for every worker and writes everything into the results folder', () => {
  expect(masterArgs(config, { port: 40001, workerWaitSeconds: 60, loadShape: false })).toEqual([
    '-f',
    '/app/locustfile.py',
    '--master',
    '--master-bind-host',
    '127.0.0.1',
    '--master-bind-port',
    '40001',
    '--headless',
    '-u',
    '50',
    '-r',
    '10',
    '-t',
    '90s',
    '--expect-workers',
    '3',
    '--expect-workers-max-wait',
    '60',
    '--csv',
    '/app/results/locust',
    '--csv-full-history',
    '--html',
    '/app/results/report.html',
    '-H',
    'http://127.0.0.1:8080',
    '--stop-timeout',
    '5',
    'Shopper'
  ])
})

test('with a load shape the master gets no users, spawn rate or run time, and no host when none is given', () => {
  const args = masterArgs(
    { ...config, host: undefined },
    { port: 40001, workerWaitSeconds: 5, loadShape: true }
  )
  for (const flag of ['-u', '-r', '-t', '-H']) expect(args).not.toContain(flag)
  expect(args).toContain('--expect-workers-max-wait')
})

test('workers connect to the master over loopback and get the extra flags too', () => {
  expect(workerArgs(config, 40001)).toEqual([
    '-f',
    '/app/locustfile.py',
    '--worker',
    '--master-host',
    '127.0.0.1',
    '--master-port',
    '40001',
    '--stop-timeout',
    '5',
    'Shopper'
  ])
})

test('parseLocustVersion reads 2.12 and current forms, and no version at all', () => {
  expect(parseLocustVersion('locust 2.12.1\n')).toBe('2.12.1')
  expect(
    parseLocustVersion(
      'locust 2.32.1 from /venv/lib/python3.12/site-packages/locust (python 3.12.3)\n'
    )
  ).toBe('2.32.1')
  expect(parseLocustVersion('locust \n')).toBeUndefined()
})

test('definesLoadShape finds a LoadTestShape subclass, not a mention', () => {
  expect(definesLoadShape(readFileSync(join(EXAMPLES, 'stages/locustfile.py'), 'utf8'))).toBe(true)
  expect(definesLoadShape(readFileSync(join(EXAMPLES, 'locustfile.py'), 'utf8'))).toBe(false)
  expect(definesLoadShape('import locust\nclass Ramp(locust.LoadTestShape):\n    pass\n')).toBe(
    true
  )
  expect(
    definesLoadShape('# a LoadTestShape could go here\nfrom locust import LoadTestShape\n')
  ).toBe(false)
})

test('pythonFromShebang: direct and env forms; other interpreters are not Python', () => {
  expect(pythonFromShebang('#!/usr/bin/python3')).toEqual(['/usr/bin/python3'])
  expect(pythonFromShebang('#!/opt/venv/bin/python3.12')).toEqual(['/opt/venv/bin/python3.12'])
  expect(pythonFromShebang('#! /usr/bin/env python3')).toEqual(['python3'])
  expect(pythonFromShebang('#!/bin/sh')).toBeUndefined()
  expect(pythonFromShebang('\u007fELF')).toBeUndefined()
})
