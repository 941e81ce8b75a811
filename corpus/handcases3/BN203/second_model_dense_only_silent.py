import tensorflow as tf
from tensorflow import keras

encoder = keras.Sequential([keras.layers.Dense(64, use_bias=False), keras.layers.BatchNormalization(), keras.layers.ReLU()])
critic = keras.Sequential([keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
opt = keras.optimizers.Adam()


@tf.function
def step(x):
    with tf.GradientTape() as tape:
        z = encoder(x, training=True)
        score = critic(z)
        loss = -tf.reduce_mean(score)
    variables = encoder.trainable_variables + critic.trainable_variables
    opt.apply_gradients(zip(tape.gradient(loss, variables), variables))
    return loss
