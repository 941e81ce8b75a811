import tensorflow as tf
from tensorflow import keras

model = keras.Sequential([
    keras.layers.Dense(64, use_bias=False, input_shape=(20,)),
    keras.layers.BatchNormalization(),
    keras.layers.ReLU(),
    keras.layers.Dense(1),
])
opt = keras.optimizers.SGD(0.01)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        pred = model(x, training=True)
        loss = tf.reduce_mean(tf.square(pred - y))
    opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))


@tf.function
def test_step(x):
    return model(x, training=False)
