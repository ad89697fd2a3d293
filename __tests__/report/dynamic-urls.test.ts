import { changingIds, urlPattern } from '../../src/report/dynamic-urls.js'
import type { EndpointStats } from '../../src/results/model.js'

test('ids in paths and query values become {id}; words stay', () => {
  expect(urlPattern('/items/17')).toBe('/items/{id}')
  expect(urlPattern('/users/3f2b8c1e-1d2a-4b3c-9d8e-0a1b2c3d4e5f/cart')).toBe('/users/{id}/cart')
  expect(urlPattern('/product/0PUK6V6EV0')).toBe('/product/{id}')
  expect(urlPattern('/item?id=4&color=red')).toBe('/item?id={id}&color={id}')
  expect(urlPattern('/api/items')).toBe('/api/items')
  expect(urlPattern('/checkout/confirmation')).toBe('/checkout/confirmation')
})

test('the largest group of 20 or more is found, by method and pattern', () => {
  const endpoint = (method: string, name: string) => ({ method, name }) as EndpointStats
  const items = Array.from({ length: 25 }, (_, i) => endpoint('GET', `/items/${i}`))
  const carts = Array.from({ length: 21 }, (_, i) => endpoint('POST', `/cart/${i}`))
  expect(changingIds([...items, ...carts, endpoint('GET', '/')])).toEqual({
    count: 25,
    pattern: 'GET /items/{id}'
  })
  expect(changingIds(items.slice(0, 19))).toBeUndefined()
})
