import jax.numpy as jnp
from flax import nnx


class MLP(nnx.Module):
    def __init__(self, rngs: nnx.Rngs):
        self.linear = nnx.Linear(4, 8, use_bias=False, rngs=rngs)
        self.bn = nnx.BatchNorm(8, rngs=rngs)
        self.out = nnx.Linear(8, 2, rngs=rngs)

    def __call__(self, x):
        return self.out(nnx.relu(self.bn(self.linear(x))))


model = MLP(nnx.Rngs(0))
model.eval()


def evaluate(model, xs):
    return model(xs).argmax(-1)


print(evaluate(model, jnp.ones((3, 4))))
