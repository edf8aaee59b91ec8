def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
print(fib(15))
def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))
print(ack(2, 3))
def hanoi(n, a, b, c, moves):
    if n == 0:
        return moves
    moves = hanoi(n - 1, a, c, b, moves)
    moves += 1
    return hanoi(n - 1, c, b, a, moves)
print(hanoi(10, "A", "B", "C", 0))
