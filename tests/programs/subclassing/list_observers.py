class ObservableList(list):
    def __init__(self, *args):
        super().__init__(*args)
        self.events = []
    def append(self, x):
        self.events.append(("append", x))
        super().append(x)
    def __setitem__(self, i, v):
        self.events.append(("set", i, v))
        super().__setitem__(i, v)
    def __delitem__(self, i):
        self.events.append(("del", i))
        super().__delitem__(i)
    def extend(self, xs):
        for x in xs:
            self.append(x)
ol = ObservableList([1, 2])
ol.append(3); ol[0] = 10; del ol[1]; ol.extend([7, 8])
print(ol, ol.events, len(ol), ol.index(7), ol + [0], isinstance(ol, list), type(ol[:2]).__name__)
ol.sort(reverse=True); print(ol, ol.events[-1])
print([x * 2 for x in ol], sum(ol), 8 in ol, ol.pop(), ol)
