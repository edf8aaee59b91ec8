class Account:
    def __init__(self, balance):
        self.balance = balance
    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError(f"insufficient funds: {self.balance} < {amount}")
        self.balance -= amount
def transfer(src, dst, amount):
    src.withdraw(amount)
    dst.balance += amount
def run():
    a, b = Account(10), Account(0)
    transfer(a, b, 5)
    print(a.balance, b.balance)
    transfer(a, b, 50)
run()
