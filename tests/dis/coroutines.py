async def fetch(session, items):
    async with session as s:
        total = 0
        async for item in items:
            total += await s.get(item)
        return total
